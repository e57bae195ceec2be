"""Orders as the admins see them: the order card with its status buttons, and notices."""

RU = {
    "admin_order.new": "🆕 Новый заказ №{number}",
    "admin_order.paid": "💳 Заказ №{number} оплачен",
    "admin_order.updated": "Заказ №{number}",
    "admin_order.card": (
        "{headline}\n\n{items}\n\nИтого: {total}\nОплата: {payment}\n\n"
        "Покупатель: {name}, {phone}{username}{link}\nДоставка: {delivery}{address}{comment}"
        "{history}\n\nСтатус: {status}"
    ),
    "admin_order.username": " (@{username})",
    "admin_order.address": "\nАдрес: {address}",
    "admin_order.comment": "\nКомментарий: {comment}",
    "admin_order.payment.online": "онлайн",
    "admin_order.payment.on_delivery": "при получении",
    "admin_order.move.confirmed": "✅ Подтвердить",
    "admin_order.move.shipped": "🚚 Отправлен",
    "admin_order.move.delivered": "📦 Доставлен",
    "admin_order.move.cancelled": "✖ Отменить заказ",
    "admin_order.updating": "Меняю статус…",
    "admin_order.refused": "Заказ №{number} сейчас «{status}»: так изменить его нельзя.",
    "admin_order.not_found": "Такого заказа нет.",
    "admin_order.expired": (
        "⌛ Заказ №{number} не оплачен вовремя и отменён, товары вернулись на склад."
    ),
    "admin_order.refund_needed": (
        "⚠️ По заказу №{number} пришла оплата, но заказ уже отменён. Верните деньги "
        "(платёж {charge})."
    ),
}

EN = {
    "admin_order.new": "🆕 New order #{number}",
    "admin_order.paid": "💳 Order #{number} is paid",
    "admin_order.updated": "Order #{number}",
    "admin_order.card": (
        "{headline}\n\n{items}\n\nTotal: {total}\nPayment: {payment}\n\n"
        "Customer: {name}, {phone}{username}{link}\nDelivery: {delivery}{address}{comment}"
        "{history}\n\nStatus: {status}"
    ),
    "admin_order.username": " (@{username})",
    "admin_order.address": "\nAddress: {address}",
    "admin_order.comment": "\nComment: {comment}",
    "admin_order.payment.online": "online",
    "admin_order.payment.on_delivery": "on delivery",
    "admin_order.move.confirmed": "✅ Confirm",
    "admin_order.move.shipped": "🚚 Shipped",
    "admin_order.move.delivered": "📦 Delivered",
    "admin_order.move.cancelled": "✖ Cancel order",
    "admin_order.updating": "Changing the status…",
    "admin_order.refused": "Order #{number} is “{status}” now: it cannot change that way.",
    "admin_order.not_found": "There is no such order.",
    "admin_order.expired": (
        "⌛ Order #{number} was not paid in time and is cancelled; its stock is back."
    ),
    "admin_order.refund_needed": (
        "⚠️ A payment came for order #{number}, but the order is already cancelled. "
        "Refund it (charge {charge})."
    ),
}
