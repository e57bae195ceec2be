"""Texts shared by every feature: welcome, menu, guard rails."""

RU = {
    "welcome": (
        "Здравствуйте, {name}! 👋\n"
        "Это магазин одежды. Здесь можно посмотреть каталог, выбрать размер "
        "и оформить заказ прямо в Telegram."
    ),
    "unknown_command": "Не понимаю эту команду. Отправьте /start, чтобы открыть меню.",
    "banned": "Доступ к магазину для вас закрыт. Если это ошибка, напишите нам.",
    "slow_down": "Слишком много сообщений подряд. Пожалуйста, подождите пару секунд.",
    "stale_button": "Эта кнопка устарела. Откройте меню заново: /start",
    "not_allowed": "Это действие вам недоступно.",
    "unavailable": "⏳ Магазин временно недоступен. Попробуйте через минуту.",
}

EN = {
    "welcome": (
        "Hello, {name}! 👋\n"
        "This is a clothing shop. Browse the catalogue, pick your size "
        "and order right here in Telegram."
    ),
    "unknown_command": "I don't know this command. Send /start to open the menu.",
    "banned": "Your access to the shop is closed. If this is a mistake, write to us.",
    "slow_down": "Too many messages at once. Please wait a couple of seconds.",
    "stale_button": "This button is out of date. Open the menu again: /start",
    "not_allowed": "This action is not available to you.",
    "unavailable": "⏳ The shop is temporarily unavailable. Please try again in a minute.",
}
