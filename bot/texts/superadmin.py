"""Texts of the superadmin menu."""

RU = {
    "superadmin.menu": "🛠 Панель суперадмина. Выберите раздел:",
    "superadmin.broadcasts": "📣 Рассылка",
    "superadmin.back": "« Назад",
}

EN = {
    "superadmin.menu": "🛠 Superadmin panel. Choose a section:",
    "superadmin.broadcasts": "📣 Broadcast",
    "superadmin.back": "« Back",
}
