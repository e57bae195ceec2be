"""Texts of the superadmins' Audit screen in `/admin`."""

RU = {
    "audit.section": "🧾 Журнал действий",
    "audit.title": "🧾 Журнал действий: {whose}. Страница {page} из {pages} (записей: {total}).",
    "audit.empty": "🧾 Журнал действий: {whose}. Записей нет.",
    "audit.everyone": "все админы",
    "audit.row": "🕒 {when} UTC · {who}\n{what} · {target}",
    "audit.change": "{before} → {after}",
    "audit.newer": "‹ Новее",
    "audit.older": "Старше ›",
    "audit.filter": "👤 Фильтр по админу",
    "audit.choose": "Чьи действия показать?",
    "audit.back": "« Меню",
    "audit.back_to_log": "« К журналу",
}

EN = {
    "audit.section": "🧾 Audit log",
    "audit.title": "🧾 Audit log: {whose}. Page {page} of {pages} ({total} rows).",
    "audit.empty": "🧾 Audit log: {whose}. No rows.",
    "audit.everyone": "every admin",
    "audit.row": "🕒 {when} UTC · {who}\n{what} · {target}",
    "audit.change": "{before} → {after}",
    "audit.newer": "‹ Newer",
    "audit.older": "Older ›",
    "audit.filter": "👤 Filter by admin",
    "audit.choose": "Whose actions to show?",
    "audit.back": "« Menu",
    "audit.back_to_log": "« Back to the log",
}
