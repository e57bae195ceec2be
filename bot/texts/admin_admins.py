"""The superadmins' Admins section: the list, adding and removing admins."""

RU = {
    "adms.section": "🛡 Администраторы",
    "adms.title": "Администраторы магазина:",
    "adms.line.super": "👑 {name} — суперадминистратор (SUPERADMIN_IDS)",
    "adms.line.env": "🔒 {name} — из настроек (ADMIN_IDS)",
    "adms.line.added": "🛡 {name} — добавлен в боте",
    "adms.none_added": "В боте пока никого не добавляли.",
    "adms.add": "➕ Добавить администратора",
    "adms.remove": "🗑 Убрать {name}",
    "adms.back": "⬅ К администраторам",
    "adms.add.ask": (
        "Перешлите сюда любое сообщение этого человека, или пришлите его Telegram id, "
        "или @username (если он уже запускал бота)."
    ),
    "adms.add.hidden": (
        "Настройки приватности этого человека скрывают, кто он, в пересланных "
        "сообщениях. Пришлите, пожалуйста, его Telegram id."
    ),
    "adms.add.bot": "Бота нельзя сделать администратором.",
    "adms.add.bad": "Не понял: перешлите сообщение человека, пришлите Telegram id или @username.",
    "adms.add.unknown": (
        "Этот @username боту не встречался: человек должен сначала запустить бота. "
        "Или пришлите его Telegram id."
    ),
    "adms.add.env": "Он уже администратор из настроек (ADMIN_IDS или SUPERADMIN_IDS).",
    "adms.add.already": "Он уже администратор.",
    "adms.added": "✅ {name} теперь администратор.",
    "adms.welcome": "Вас назначили администратором магазина. Меню управления: /admin",
    "adms.removed": "Администратор убран",
    "adms.remove.env": (
        "Администраторы из настроек (ADMIN_IDS, SUPERADMIN_IDS) меняются только в настройках бота."
    ),
    "adms.remove.gone": "Он уже не администратор.",
}

EN = {
    "adms.section": "🛡 Admins",
    "adms.title": "The shop's admins:",
    "adms.line.super": "👑 {name} — superadmin (SUPERADMIN_IDS)",
    "adms.line.env": "🔒 {name} — from the settings (ADMIN_IDS)",
    "adms.line.added": "🛡 {name} — added in the bot",
    "adms.none_added": "Nobody has been added in the bot yet.",
    "adms.add": "➕ Add an admin",
    "adms.remove": "🗑 Remove {name}",
    "adms.back": "⬅ To the admins",
    "adms.add.ask": (
        "Forward any message from this person here, or send their Telegram id, or their "
        "@username (if they have started the bot)."
    ),
    "adms.add.hidden": (
        "This person's privacy settings hide who they are in forwarded messages. "
        "Please send their Telegram id instead."
    ),
    "adms.add.bot": "A bot cannot be an admin.",
    "adms.add.bad": (
        "I did not get that: forward their message, or send a Telegram id or @username."
    ),
    "adms.add.unknown": (
        "The bot has not met this @username: they must start the bot first. Or send "
        "their Telegram id."
    ),
    "adms.add.env": "They are already an admin from the settings (ADMIN_IDS or SUPERADMIN_IDS).",
    "adms.add.already": "They are already an admin.",
    "adms.added": "✅ {name} is now an admin.",
    "adms.welcome": "You are now an admin of the shop. The management menu: /admin",
    "adms.removed": "The admin is removed",
    "adms.remove.env": (
        "Admins from the settings (ADMIN_IDS, SUPERADMIN_IDS) are changed only in the "
        "bot's settings."
    ),
    "adms.remove.gone": "They are no longer an admin.",
}
