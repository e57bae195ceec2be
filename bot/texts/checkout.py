"""Checkout: the conversation from the cart's "Checkout" to the order's confirmation."""

RU = {
    "checkout.cart_empty": "Ваша корзина пуста — оформлять нечего.",
    "checkout.nothing_available": (
        "Сейчас ничего из корзины нельзя заказать:\n{lines}\n\nИзмените корзину и попробуйте снова."
    ),
    "checkout.some_unavailable": (
        "Эти позиции сейчас нельзя заказать, они останутся в корзине:\n{lines}"
    ),
    "checkout.unavailable_line": "• {item} — {reason}",
    "checkout.reason.short": "осталось только {stock}",
    "checkout.reason.sold_out": "нет в наличии",
    "checkout.reason.withdrawn": "снят с продажи",
    "checkout.reason.removed": "удалён из магазина",
    "checkout.ask_name": (
        "Оформляем заказ. Как к вам обращаться? Напишите имя или нажмите кнопку ниже."
    ),
    "checkout.bad_name": "Напишите, пожалуйста, имя: от 2 до 64 символов, с буквами.",
    "checkout.ask_phone": (
        "Ваш номер телефона, чтобы мы могли связаться с вами: нажмите «Отправить мой номер» "
        "или напишите его (например, +7 999 123-45-67)."
    ),
    "checkout.share_phone": "📱 Отправить мой номер",
    "checkout.bad_phone": (
        "Это не похоже на номер телефона. Напишите от 10 до 15 цифр (можно с + в начале) "
        "или нажмите «Отправить мой номер»."
    ),
    "checkout.foreign_contact": "Отправьте, пожалуйста, свой номер — кнопкой ниже или текстом.",
    "checkout.ask_delivery": "Как доставить заказ?",
    "checkout.bad_delivery": "Выберите, пожалуйста, способ доставки кнопкой ниже.",
    "checkout.delivery.courier": "🚚 Курьер",
    "checkout.delivery.pickup": "🏬 Самовывоз",
    "checkout.delivery.post": "📦 Почта",
    "checkout.ask_address": "Адрес доставки: город, улица, дом, квартира.",
    "checkout.bad_address": (
        "Напишите, пожалуйста, адрес: от 5 до 300 символов, с буквами или цифрами."
    ),
    "checkout.ask_comment": "Комментарий к заказу? Напишите его или нажмите «Пропустить».",
    "checkout.bad_comment": "Комментарий слишком длинный: не больше 500 символов.",
    "checkout.skip": "Пропустить",
    "checkout.cancel_button": "✖ Отменить оформление",
    "checkout.summary": (
        "Проверьте заказ:\n\n{items}\n\nИтого: {total}\n\n"
        "Имя: {name}\nТелефон: {phone}\nДоставка: {delivery}{address}{comment}\nОплата: {payment}"
    ),
    "checkout.summary_address": "\nАдрес: {address}",
    "checkout.summary_comment": "\nКомментарий: {comment}",
    "checkout.payment.online": "онлайн, счёт придёт после подтверждения",
    "checkout.payment.on_delivery": "при получении",
    "checkout.confirm_question": "Всё верно?",
    "checkout.confirm": "✅ Подтвердить",
    "checkout.edit": "✏️ Изменить",
    "checkout.cancel": "✖ Отменить",
    "checkout.edit_question": "Что изменить?",
    "checkout.edit.name": "Имя",
    "checkout.edit.phone": "Телефон",
    "checkout.edit.delivery": "Доставку",
    "checkout.edit.comment": "Комментарий",
    "checkout.back": "← Назад",
    "checkout.placing": "⏳ Оформляем заказ…",
    "checkout.cancelled": "Оформление отменено. Товары остались в корзине.",
    "checkout.over": "Это оформление уже завершено.",
    "checkout.already_placing": "Заказ уже оформляется, подождите немного.",
    "checkout.failed": (
        "⚠️ Не удалось оформить заказ: часть ваших ответов не получилось сохранить. "
        "Проверьте их кнопкой «Изменить» и подтвердите заказ снова или отмените оформление. "
        "Товары остались в корзине."
    ),
}

EN = {
    "checkout.cart_empty": "Your cart is empty: there is nothing to check out.",
    "checkout.nothing_available": (
        "Nothing in your cart can be ordered right now:\n{lines}\n\nChange your cart and try again."
    ),
    "checkout.some_unavailable": (
        "These lines cannot be ordered now and will stay in your cart:\n{lines}"
    ),
    "checkout.unavailable_line": "• {item} — {reason}",
    "checkout.reason.short": "only {stock} left",
    "checkout.reason.sold_out": "sold out",
    "checkout.reason.withdrawn": "no longer on sale",
    "checkout.reason.removed": "removed from the shop",
    "checkout.ask_name": (
        "Let's place your order. What name should we put on it? Type it or press the button below."
    ),
    "checkout.bad_name": "Please type a name of 2 to 64 characters, with letters.",
    "checkout.ask_phone": (
        "Your phone number, so we can reach you: press “Share my number” or type it "
        "(for example +44 7700 900123)."
    ),
    "checkout.share_phone": "📱 Share my number",
    "checkout.bad_phone": (
        "That does not look like a phone number. Type 10 to 15 digits (a + in front is fine) "
        "or press “Share my number”."
    ),
    "checkout.foreign_contact": "Please share your own number, with the button below or as text.",
    "checkout.ask_delivery": "How should we deliver your order?",
    "checkout.bad_delivery": "Please choose a delivery method with the buttons below.",
    "checkout.delivery.courier": "🚚 Courier",
    "checkout.delivery.pickup": "🏬 Pickup",
    "checkout.delivery.post": "📦 Post",
    "checkout.ask_address": "Delivery address: city, street, house, flat.",
    "checkout.bad_address": "Please type the address: 5 to 300 characters, with letters or digits.",
    "checkout.ask_comment": "Any comment on the order? Type it or press “Skip”.",
    "checkout.bad_comment": "The comment is too long: 500 characters at most.",
    "checkout.skip": "Skip",
    "checkout.cancel_button": "✖ Cancel checkout",
    "checkout.summary": (
        "Please check your order:\n\n{items}\n\nTotal: {total}\n\n"
        "Name: {name}\nPhone: {phone}\nDelivery: {delivery}{address}{comment}\nPayment: {payment}"
    ),
    "checkout.summary_address": "\nAddress: {address}",
    "checkout.summary_comment": "\nComment: {comment}",
    "checkout.payment.online": "online, the invoice comes once you confirm",
    "checkout.payment.on_delivery": "on delivery",
    "checkout.confirm_question": "Is everything right?",
    "checkout.confirm": "✅ Confirm",
    "checkout.edit": "✏️ Edit",
    "checkout.cancel": "✖ Cancel",
    "checkout.edit_question": "What would you like to change?",
    "checkout.edit.name": "Name",
    "checkout.edit.phone": "Phone",
    "checkout.edit.delivery": "Delivery",
    "checkout.edit.comment": "Comment",
    "checkout.back": "← Back",
    "checkout.placing": "⏳ Placing your order…",
    "checkout.cancelled": "Checkout cancelled. Your items are still in your cart.",
    "checkout.over": "This checkout is already over.",
    "checkout.already_placing": "Your order is being placed, one moment please.",
    "checkout.failed": (
        "⚠️ We could not place your order: some of your answers could not be saved. "
        "Please check them with “Edit” and confirm again, or cancel. "
        "Your items are still in your cart."
    ),
}
