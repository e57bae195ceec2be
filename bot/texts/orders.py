"""Orders as the customer sees them: placed or refused, paid, status changes, "My orders"."""

RU = {
    "orders.placed": "✅ Заказ №{number} оформлен!\n\n{items}\n\nИтого: {total}\n\n{payment_note}",
    "orders.pay_online": (
        "Оплатите, пожалуйста, заказ по счёту ниже в течение {minutes} мин. — "
        "иначе заказ будет отменён."
    ),
    "orders.pay_on_delivery": "Оплата при получении. Мы сообщим, когда статус заказа изменится.",
    "orders.invoice_title": "Заказ №{number}",
    "orders.invoice_description": "Товаров в заказе: {count}. Итого: {total}.",
    "orders.sold_out": (
        "😔 Простите, «{item}» только что закончился, поэтому заказ не оформлен. "
        "Товары остались в корзине: измените её и оформите заказ снова."
    ),
    "orders.unavailable": (
        "😔 Простите, «{item}» больше не продаётся, поэтому заказ не оформлен. "
        "Товары остались в корзине: измените её и оформите заказ снова."
    ),
    "orders.nothing_to_order": "В корзине не осталось товаров, которые можно заказать.",
    "orders.status.new": "новый",
    "orders.status.confirmed": "подтверждён",
    "orders.status.paid": "оплачен",
    "orders.status.shipped": "отправлен",
    "orders.status.delivered": "доставлен",
    "orders.status.cancelled": "отменён",
    "orders.changed.confirmed": "✅ Заказ №{number} подтверждён.",
    "orders.changed.confirmed_unpaid": (
        "✅ Заказ №{number} подтверждён. Оплатите его, пожалуйста, по счёту выше."
    ),
    "orders.changed.paid": "💳 Оплата заказа №{number} получена. Спасибо!",
    "orders.changed.shipped": "🚚 Заказ №{number} отправлен.",
    "orders.changed.delivered": "📦 Заказ №{number} доставлен. Спасибо за покупку!",
    "orders.changed.cancelled": "✖ Заказ №{number} отменён.",
    "orders.changed.cancelled_paid": "✖ Заказ №{number} отменён. Деньги будут возвращены.",
    "orders.expired": (
        "⌛ Заказ №{number} не был оплачен за {minutes} мин. и отменён, товары вернулись в продажу."
    ),
    "orders.late_payment": (
        "Мы получили оплату заказа №{number}, но он уже отменён. "
        "Деньги будут возвращены, мы свяжемся с вами."
    ),
    "orders.not_payable": "Этот заказ уже нельзя оплатить.",
    "orders.list_title": "📦 Ваши заказы:",
    "orders.list_empty": "У вас пока нет заказов.",
    "orders.list_entry": "Заказ №{number} от {date} — {status}\n{items}\nИтого: {total}",
    "orders.item": "• {title}, {variant} × {quantity} — {subtotal}",
}

EN = {
    "orders.placed": "✅ Order #{number} is placed!\n\n{items}\n\nTotal: {total}\n\n{payment_note}",
    "orders.pay_online": (
        "Please pay with the invoice below within {minutes} min, or the order is cancelled."
    ),
    "orders.pay_on_delivery": (
        "You pay on delivery. We will let you know when the order's status changes."
    ),
    "orders.invoice_title": "Order #{number}",
    "orders.invoice_description": "Items in the order: {count}. Total: {total}.",
    "orders.sold_out": (
        "😔 Sorry, “{item}” has just sold out, so the order was not placed. "
        "Your items are still in your cart: change it and check out again."
    ),
    "orders.unavailable": (
        "😔 Sorry, “{item}” is no longer on sale, so the order was not placed. "
        "Your items are still in your cart: change it and check out again."
    ),
    "orders.nothing_to_order": "Nothing left in your cart can be ordered.",
    "orders.status.new": "new",
    "orders.status.confirmed": "confirmed",
    "orders.status.paid": "paid",
    "orders.status.shipped": "shipped",
    "orders.status.delivered": "delivered",
    "orders.status.cancelled": "cancelled",
    "orders.changed.confirmed": "✅ Order #{number} is confirmed.",
    "orders.changed.confirmed_unpaid": (
        "✅ Order #{number} is confirmed. Please pay for it with the invoice above."
    ),
    "orders.changed.paid": "💳 Payment for order #{number} received. Thank you!",
    "orders.changed.shipped": "🚚 Order #{number} is on its way.",
    "orders.changed.delivered": "📦 Order #{number} is delivered. Thank you for shopping with us!",
    "orders.changed.cancelled": "✖ Order #{number} is cancelled.",
    "orders.changed.cancelled_paid": (
        "✖ Order #{number} is cancelled. Your payment will be refunded."
    ),
    "orders.expired": (
        "⌛ Order #{number} was not paid within {minutes} min and is cancelled; "
        "its items are back on sale."
    ),
    "orders.late_payment": (
        "We received your payment for order #{number}, but the order was already cancelled. "
        "The money will be refunded; we will contact you."
    ),
    "orders.not_payable": "This order can no longer be paid.",
    "orders.list_title": "📦 Your orders:",
    "orders.list_empty": "You have no orders yet.",
    "orders.list_entry": "Order #{number} of {date}: {status}\n{items}\nTotal: {total}",
    "orders.item": "• {title}, {variant} × {quantity} — {subtotal}",
}
