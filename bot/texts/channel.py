"""The admins' Channel section (publish and unpublish products) and the posts themselves."""

RU = {
    "channel.section": "📢 Канал",
    "channel.title": (
        "Публикация товаров в канале. Страница {page} из {pages}.\n"
        "📢 — опубликовать карточку товара, 🗑 — удалить пост."
    ),
    "channel.empty": "В каталоге пока нет товаров.",
    "channel.publish": "📢 {title}",
    "channel.unpublish": "🗑 {title} (опубликован)",
    "channel.previous": "‹ Назад",
    "channel.next": "Далее ›",
    "channel.published": "Опубликовано в канале",
    "channel.published_sold_out": "Опубликовано: товара нет в наличии, кнопки «Купить» нет",
    "channel.unpublished": "Пост удалён из канала",
    "channel.already_gone": "Этот пост уже удалён",
    "channel.product_gone": "Этого товара больше нет",
    "channel.not_configured": (
        "Канал не настроен: укажите CHANNEL_ID (и CHANNEL_THREAD_ID для темы форума) "
        "в настройках бота и перезапустите его."
    ),
    "channel.refused": (
        "Telegram не дал боту опубликовать или изменить пост ({reason}). Добавьте бота "
        "в канал администратором с правом публиковать и удалять сообщения и проверьте "
        "CHANNEL_ID."
    ),
    "channel.post.in_stock": "В наличии: {sizes}",
    "channel.post.sold_out": "❌ Нет в наличии — всё раскупили",
    "channel.post.buy": "🛒 Купить",
    "channel.post.album_live": "{title}: выберите размер и оформите заказ в боте 👇",
    "channel.post.album_sold_out": "{title}: ❌ нет в наличии",
}

EN = {
    "channel.section": "📢 Channel",
    "channel.title": (
        "Publishing products to the channel. Page {page} of {pages}.\n"
        "📢 posts a product's card, 🗑 deletes its post."
    ),
    "channel.empty": "There are no products in the catalogue yet.",
    "channel.publish": "📢 {title}",
    "channel.unpublish": "🗑 {title} (published)",
    "channel.previous": "‹ Back",
    "channel.next": "Next ›",
    "channel.published": "Published to the channel",
    "channel.published_sold_out": "Published: out of stock, so there is no Buy button",
    "channel.unpublished": "The post is deleted from the channel",
    "channel.already_gone": "This post is deleted already",
    "channel.product_gone": "This product no longer exists",
    "channel.not_configured": (
        "No channel is set up: set CHANNEL_ID (and CHANNEL_THREAD_ID for a forum topic) "
        "in the bot's settings and restart it."
    ),
    "channel.refused": (
        "Telegram did not let the bot publish or change the post ({reason}). Add the bot "
        "to the channel as an admin allowed to post and delete messages, and check "
        "CHANNEL_ID."
    ),
    "channel.post.in_stock": "In stock: {sizes}",
    "channel.post.sold_out": "❌ Sold out",
    "channel.post.buy": "🛒 Buy",
    "channel.post.album_live": "{title}: choose your size and order in the bot 👇",
    "channel.post.album_sold_out": "{title}: ❌ sold out",
}
