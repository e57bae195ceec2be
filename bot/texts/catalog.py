"""Catalogue: categories, product lists, product cards, sizes and quantities."""

RU = {
    "catalog.categories": "Каталог. Выберите раздел:",
    "catalog.empty": "Каталог пока пуст. Загляните позже!",
    "catalog.category_page": "{category}\nСтраница {page} из {pages}. Выберите товар:",
    "catalog.category_empty": "{category}\nЗдесь пока ничего нет в наличии.",
    "catalog.product_button": "{title} · {price}",
    "catalog.previous": "‹ Назад",
    "catalog.next": "Далее ›",
    "catalog.to_categories": "← Разделы",
    "catalog.to_category": "← К товарам",
    "catalog.in_stock": "В наличии: {variants}",
    "catalog.sold_out": "Нет в наличии: {variants}",
    "catalog.choose_size": "{title}: выберите размер.",
    "catalog.choose_quantity": (
        "{title}, {variant} — {price} за шт.\nСколько штук положить в корзину?"
    ),
    "catalog.added": "✓ В корзине: {title}, {variant} — {quantity} шт.",
    "catalog.added_max": (
        "✓ В корзине: {title}, {variant} — {quantity} шт. Больше этого размера взять нельзя."
    ),
    "catalog.added_toast": "Добавлено в корзину",
    "catalog.to_cart": "🛒 Перейти в корзину",
    "catalog.continue": "🛍 Продолжить покупки",
    "catalog.category_gone": "Этот раздел больше недоступен.",
    "catalog.product_gone": "Этого товара уже нет в продаже.",
    "catalog.variant_gone": "Этот размер уже недоступен.",
    "catalog.quantity_unavailable": "Столько нет в наличии. Выберите меньше.",
    "catalog.cart_full": "В корзине уже слишком много позиций. Оформите или очистите её.",
}

EN = {
    "catalog.categories": "Catalogue. Choose a section:",
    "catalog.empty": "The catalogue is empty for now. Come back later!",
    "catalog.category_page": "{category}\nPage {page} of {pages}. Choose a product:",
    "catalog.category_empty": "{category}\nNothing in stock here yet.",
    "catalog.product_button": "{title} · {price}",
    "catalog.previous": "‹ Back",
    "catalog.next": "Next ›",
    "catalog.to_categories": "← Sections",
    "catalog.to_category": "← To products",
    "catalog.in_stock": "In stock: {variants}",
    "catalog.sold_out": "Sold out: {variants}",
    "catalog.choose_size": "{title}: choose a size.",
    "catalog.choose_quantity": "{title}, {variant}: {price} each.\nHow many would you like?",
    "catalog.added": "✓ In your cart: {title}, {variant} × {quantity}.",
    "catalog.added_max": (
        "✓ In your cart: {title}, {variant} × {quantity}. "
        "That is the most you can take of this size."
    ),
    "catalog.added_toast": "Added to your cart",
    "catalog.to_cart": "🛒 Go to cart",
    "catalog.continue": "🛍 Continue shopping",
    "catalog.category_gone": "This section is no longer available.",
    "catalog.product_gone": "This product is no longer on sale.",
    "catalog.variant_gone": "This size is no longer available.",
    "catalog.quantity_unavailable": "Not that many in stock. Please choose fewer.",
    "catalog.cart_full": "Your cart has too many lines already. Check out or clear it.",
}
