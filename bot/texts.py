"""Every text a user reads, in Russian and English. A key missing in one language is a bug
(tests check that both languages have the same keys)."""

from bot.language import Language

TEXTS: dict[Language, dict[str, str]] = {
    "ru": {
        "welcome": (
            "Здравствуйте, {name}! 👋\n"
            "Это магазин одежды. Здесь можно посмотреть каталог, выбрать размер "
            "и оформить заказ прямо в Telegram."
        ),
        "unknown_command": "Не понимаю эту команду. Отправьте /start, чтобы открыть меню.",
        "banned": "Доступ к магазину для вас закрыт. Если это ошибка, напишите нам.",
    },
    "en": {
        "welcome": (
            "Hello, {name}! 👋\n"
            "This is a clothing shop. Browse the catalogue, pick your size "
            "and order right here in Telegram."
        ),
        "unknown_command": "I don't know this command. Send /start to open the menu.",
        "banned": "Your access to the shop is closed. If this is a mistake, write to us.",
    },
}


def text(key: str, language: Language, **values: object) -> str:
    return TEXTS[language][key].format(**values)
