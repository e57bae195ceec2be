"""The admins' Customers section (find, the customer screen, ban) and the messages an
admin sends a customer through the bot, with the customer's reply."""

RU = {
    "cust.section": "👤 Покупатели",
    "cust.find.ask": "Кого ищем? Пришлите Telegram id, @username или телефон покупателя.",
    "cust.find.bad": "Не понял: нужен Telegram id (цифры), @username или телефон.",
    "cust.find.none": "Никого не нашёл.",
    "cust.find.several": "Нашлось покупателей: {count}. Выберите:",
    "cust.find.again": "🔎 Найти другого",
    "cust.gone": "Такого покупателя нет.",
    "cust.back": "👤 К покупателю",
    "cust.screen": (
        "👤 {name}\n"
        "Telegram id: {id}\n"
        "Username: {username}\n"
        "Телефон: {phone}\n"
        "Язык: {lang}\n"
        "С нами с: {joined}\n"
        "Последняя активность: {active}\n"
        "Статус: {state}\n"
        "Заказов: {count}, потрачено: {spent}"
    ),
    "cust.is_admin": "🛡 Администратор магазина",
    "cust.state.active": "активен",
    "cust.state.banned": "🚫 заблокирован",
    "cust.order_line": "№{number} — {status} — {total} ({date})",
    "cust.ban": "🚫 Заблокировать",
    "cust.unban": "✅ Разблокировать",
    "cust.ban.done": "Покупатель заблокирован",
    "cust.unban.done": "Покупатель разблокирован",
    "cust.ban.already": "Покупатель уже заблокирован",
    "cust.unban.already": "Покупатель не заблокирован",
    "cust.ban.admin": "Администраторов и суперадминистраторов блокировать нельзя.",
    "cust.message": "✉ Написать покупателю",
    "cust.message.ask": (
        "Напишите сообщение для покупателя {name} (до {limit} символов). Бот отправит "
        "его от имени магазина, а ответ покупателя придёт сюда."
    ),
    "cust.message.bad": "Нужен текст, не длиннее 3500 символов.",
    "cust.message.sent": "Отправлено: {name}. Ответ покупателя придёт сюда.",
    "cust.message.blocked": "Не доставлено: покупатель заблокировал бота.",
    "cust.message.unreachable": "Не доставлено: Telegram не знает этого пользователя.",
    "cust.message.header": "✉ Сообщение от магазина:",
    "cust.message.footer": "Чтобы ответить, ответьте на это сообщение (Ответить).",
    "cust.reply.header": "↩ Ответ покупателя {who}:",
    "cust.reply.answer": "✉ Ответить",
    "cust.reply.passed": "Спасибо, ваш ответ передан магазину.",
    "cust.reply.nobody": "Не получилось передать ответ. Напишите нам, пожалуйста, позже.",
    "cust.reply.text_only": "Передать можно только текст: напишите, пожалуйста, словами.",
}

EN = {
    "cust.section": "👤 Customers",
    "cust.find.ask": "Who are we looking for? Send the customer's Telegram id, @username or phone.",
    "cust.find.bad": "I did not get that: send a Telegram id (digits), an @username or a phone.",
    "cust.find.none": "Nobody found.",
    "cust.find.several": "Customers found: {count}. Pick one:",
    "cust.find.again": "🔎 Find another",
    "cust.gone": "There is no such customer.",
    "cust.back": "👤 To the customer",
    "cust.screen": (
        "👤 {name}\n"
        "Telegram id: {id}\n"
        "Username: {username}\n"
        "Phone: {phone}\n"
        "Language: {lang}\n"
        "Joined: {joined}\n"
        "Last active: {active}\n"
        "Status: {state}\n"
        "Orders: {count}, spent: {spent}"
    ),
    "cust.is_admin": "🛡 An admin of the shop",
    "cust.state.active": "active",
    "cust.state.banned": "🚫 banned",
    "cust.order_line": "#{number} — {status} — {total} ({date})",
    "cust.ban": "🚫 Ban",
    "cust.unban": "✅ Unban",
    "cust.ban.done": "The customer is banned",
    "cust.unban.done": "The customer is unbanned",
    "cust.ban.already": "The customer is already banned",
    "cust.unban.already": "The customer is not banned",
    "cust.ban.admin": "Admins and superadmins cannot be banned.",
    "cust.message": "✉ Message the customer",
    "cust.message.ask": (
        "Type your message for {name} (up to {limit} characters). The bot sends it on "
        "behalf of the shop, and the customer's reply comes here."
    ),
    "cust.message.bad": "I need a text of at most 3500 characters.",
    "cust.message.sent": "Sent to {name}. Their reply will come here.",
    "cust.message.blocked": "Not delivered: the customer has blocked the bot.",
    "cust.message.unreachable": "Not delivered: Telegram does not know this user.",
    "cust.message.header": "✉ A message from the shop:",
    "cust.message.footer": "To answer, reply to this message (Reply).",
    "cust.reply.header": "↩ The customer {who} replied:",
    "cust.reply.answer": "✉ Answer",
    "cust.reply.passed": "Thank you, your reply was passed on to the shop.",
    "cust.reply.nobody": "Your reply could not be passed on. Please write to us later.",
    "cust.reply.text_only": "Only text can be passed on: please write it in words.",
}
