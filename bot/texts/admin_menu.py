"""The back office's menu."""

RU = {
    "admin.menu": "Управление магазином",
    "admin.menu.back": "⬅ В меню управления",
}

EN = {
    "admin.menu": "Shop management",
    "admin.menu.back": "⬅ Management menu",
}
