"""Texts of `/web`, the web admin's sign-in link."""

RU = {
    "web.link": (
        "🖥 Вход в веб-админку: {url}\n\n"
        "Ссылка одноразовая и действует {minutes} мин. Не пересылайте её никому."
    ),
    "web.off": "🖥 Веб-админка выключена (WEB_ADMIN=false).",
}

EN = {
    "web.link": (
        "🖥 Sign in to the web admin: {url}\n\n"
        "The link works once, for {minutes} minutes. Do not forward it to anyone."
    ),
    "web.off": "🖥 The web admin is off (WEB_ADMIN=false).",
}
