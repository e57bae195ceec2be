"""The cart: lines, quantities, removing, clearing, what cannot be ordered."""

RU = {
    "cart.title": "🛒 Ваша корзина",
    "cart.empty": "Ваша корзина пуста. Загляните в каталог!",
    "cart.line": "{number}. {title}, {variant}\n    {quantity} × {price} = {subtotal}",
    "cart.line_short": "{number}. {title}, {variant} — {quantity} шт.\n    осталось только {stock}",
    "cart.line_sold_out": "{number}. {title}, {variant} — {quantity} шт.\n    нет в наличии",
    "cart.line_withdrawn": "{number}. {title}, {variant} — {quantity} шт.\n    снят с продажи",
    "cart.line_removed": (
        "{number}. {title}, {variant} — {quantity} шт.\n    товар удалён из магазина"
    ),
    "cart.total": "Итого: {total}",
    "cart.unavailable_note": "⚠️ Недоступные позиции не войдут в заказ.",
    "cart.edit_line": "✏️ {number}. {title} × {quantity}",
    "cart.checkout": "✅ Оформить заказ",
    "cart.clear": "🧹 Очистить корзину",
    "cart.clear_confirm": "Убрать из корзины все товары?",
    "cart.clear_yes": "Да, очистить",
    "cart.clear_no": "Нет, оставить",
    "cart.cleared": "Корзина очищена",
    "cart.line_editor": (
        "{title}, {variant}\n{price} за шт. В корзине: {quantity} шт.\nСколько оставить?"
    ),
    "cart.line_editor_unavailable": (
        "{title}, {variant} — {quantity} шт.\n{reason}. Эту позицию можно только удалить."
    ),
    "cart.reason_sold_out": "Нет в наличии",
    "cart.reason_withdrawn": "Снят с продажи",
    "cart.reason_removed": "Товар удалён из магазина",
    "cart.remove": "🗑 Удалить",
    "cart.back": "← Корзина",
    "cart.removed": "Удалено из корзины",
    "cart.quantity_changed": "Количество изменено",
    "cart.not_your_line": "Этой позиции нет в вашей корзине.",
    "cart.quantity_unavailable": "Такое количество выбрать нельзя.",
    "cart.catalogue": "🛍 Каталог",
}

EN = {
    "cart.title": "🛒 Your cart",
    "cart.empty": "Your cart is empty. Have a look at the catalogue!",
    "cart.line": "{number}. {title}, {variant}\n    {quantity} × {price} = {subtotal}",
    "cart.line_short": "{number}. {title}, {variant} × {quantity}\n    only {stock} left",
    "cart.line_sold_out": "{number}. {title}, {variant} × {quantity}\n    sold out",
    "cart.line_withdrawn": "{number}. {title}, {variant} × {quantity}\n    no longer on sale",
    "cart.line_removed": "{number}. {title}, {variant} × {quantity}\n    removed from the shop",
    "cart.total": "Total: {total}",
    "cart.unavailable_note": "⚠️ Unavailable lines will not be ordered.",
    "cart.edit_line": "✏️ {number}. {title} × {quantity}",
    "cart.checkout": "✅ Checkout",
    "cart.clear": "🧹 Clear cart",
    "cart.clear_confirm": "Remove everything from your cart?",
    "cart.clear_yes": "Yes, clear it",
    "cart.clear_no": "No, keep it",
    "cart.cleared": "Cart cleared",
    "cart.line_editor": (
        "{title}, {variant}\n{price} each. In your cart: {quantity}.\nHow many do you want?"
    ),
    "cart.line_editor_unavailable": (
        "{title}, {variant} × {quantity}\n{reason}. You can only remove this line."
    ),
    "cart.reason_sold_out": "Sold out",
    "cart.reason_withdrawn": "No longer on sale",
    "cart.reason_removed": "Removed from the shop",
    "cart.remove": "🗑 Remove",
    "cart.back": "← Cart",
    "cart.removed": "Removed from your cart",
    "cart.quantity_changed": "Quantity changed",
    "cart.not_your_line": "This line is not in your cart.",
    "cart.quantity_unavailable": "That quantity cannot be chosen.",
    "cart.catalogue": "🛍 Catalogue",
}
