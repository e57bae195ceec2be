"""Main menu, help and contacts, language switch."""

RU = {
    "menu.title": "Главное меню. Что вас интересует?",
    "menu.catalogue": "🛍 Каталог",
    "menu.cart": "🛒 Корзина",
    "menu.orders": "📦 Мои заказы",
    "menu.help": "💬 Помощь и контакты",
    "menu.switch_language": "🌐 English",
    "menu.back": "☰ Меню",
    "menu.help_text": (
        "Как сделать заказ:\n"
        "1. Откройте каталог и выберите товар.\n"
        "2. Выберите размер и количество — товар попадёт в корзину.\n"
        "3. В корзине нажмите «Оформить заказ»."
    ),
    "menu.contacts": "Контакты магазина:\n{contacts}",
    "menu.language_changed": "Язык: русский",
    "menu.product_unavailable": (
        "К сожалению, этого товара сейчас нет в продаже. Загляните в каталог — там много другого."
    ),
}

EN = {
    "menu.title": "Main menu. What would you like to do?",
    "menu.catalogue": "🛍 Catalogue",
    "menu.cart": "🛒 Cart",
    "menu.orders": "📦 My orders",
    "menu.help": "💬 Help & contacts",
    "menu.switch_language": "🌐 Русский",
    "menu.back": "☰ Menu",
    "menu.help_text": (
        "How to order:\n"
        "1. Open the catalogue and pick a product.\n"
        "2. Choose a size and a quantity: the item goes into your cart.\n"
        "3. In the cart, press “Checkout”."
    ),
    "menu.contacts": "Contact the shop:\n{contacts}",
    "menu.language_changed": "Language: English",
    "menu.product_unavailable": (
        "Sorry, this product is not on sale right now. Have a look at the catalogue: "
        "there is plenty more."
    ),
}
