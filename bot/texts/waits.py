"""Back in stock: "Notify me" on a sold-out size, the shopper's waits, the notice."""

RU = {
    "waits.notify_me": "🔔 Сообщить о поступлении: {variant}",
    "waits.added": "Сообщим, когда {variant} снова появится в наличии",
    "waits.already": "Вы уже ждёте этот размер",
    "waits.in_stock_now": "Этот размер уже в наличии — его можно заказать",
    "waits.too_many": "Слишком много ожиданий. Отмените ненужные в «Жду поступления».",
    "waits.menu": "🔔 Жду поступления",
    "waits.title": "Вы ждёте поступления этих товаров. Нажмите, чтобы отменить ожидание:",
    "waits.none": "Вы ничего не ждёте. На карточке товара нажмите 🔔 у размера, которого нет.",
    "waits.cancel": "✖ {title}, {variant}",
    "waits.cancelled": "Ожидание отменено",
    "waits.gone": "Этого ожидания уже нет",
    "waits.notice": "🔔 Снова в наличии: {title}, {variant}. Успейте заказать!",
    "waits.open_product": "🛍 Открыть товар",
}

EN = {
    "waits.notify_me": "🔔 Notify me: {variant}",
    "waits.added": "We'll tell you when {variant} is back in stock",
    "waits.already": "You are waiting for this size already",
    "waits.in_stock_now": "This size is in stock now: you can order it",
    "waits.too_many": "Too many waits. Cancel some under “Waiting for”.",
    "waits.menu": "🔔 Waiting for",
    "waits.title": "You are waiting for these to come back. Press one to stop waiting:",
    "waits.none": "You are not waiting for anything. On a product, press 🔔 by a sold-out size.",
    "waits.cancel": "✖ {title}, {variant}",
    "waits.cancelled": "You no longer wait for it",
    "waits.gone": "This wait is over already",
    "waits.notice": "🔔 Back in stock: {title}, {variant}. Order it before it is gone!",
    "waits.open_product": "🛍 Open the product",
}
