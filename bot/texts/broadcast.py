"""Texts of broadcasts: composing, the live progress message, the history."""

RU = {
    # menu
    "broadcast.menu": "📣 Рассылка. Сообщение уйдёт всем выбранным пользователям бота.",
    "broadcast.new": "✍️ Новая рассылка",
    "broadcast.history": "📜 История",
    # composing
    "broadcast.ask_text": (
        "Отправьте текст рассылки. Форматирование (жирный, курсив, ссылки) сохранится. "
        "Можно отправить фото с подписью."
    ),
    "broadcast.text_empty": "Нужен текст или фото с подписью. Попробуйте ещё раз.",
    "broadcast.text_too_long": (
        "Слишком длинно: {length} символов, можно не больше {limit}. Сократите текст."
    ),
    "broadcast.ask_button": (
        "Добавить кнопку-ссылку? Отправьте «Текст кнопки | https://адрес» или нажмите «Без кнопки»."
    ),
    "broadcast.button_invalid": (
        "Не понял кнопку. Формат: «Текст кнопки | https://адрес» "
        "(текст до 64 символов, адрес с https://, http:// или tg://)."
    ),
    "broadcast.skip_button": "Без кнопки",
    "broadcast.ask_audience": "Кому отправить?\nСейчас: {audience}\nПолучателей: {count}",
    "broadcast.audience_hint": ("Можно также отправить число — «активны за последние N дней»."),
    "broadcast.audience_all": "👥 Все доступные",
    "broadcast.audience_days": "🕒 Активны {days} дн.",
    "broadcast.audience_ordered": "🛍 Делали заказ",
    "broadcast.audience_language": "🌐 Язык: {lang}",
    "broadcast.audience_any_language": "любой",
    "broadcast.days_invalid": "Нужно целое число дней от 1 до 3650.",
    "broadcast.to_preview": "Предпросмотр ▶️",
    "broadcast.preview_header": "👇 Так увидят рассылку получатели:",
    "broadcast.summary": (
        "Рассылка готова.\nАудитория: {audience}\nПолучателей: {count}\n"
        "Скорость: до {rate} сообщ./с, примерно {duration}.\nОтправить?"
    ),
    "broadcast.confirm": "✅ Отправить",
    "broadcast.edit_audience": "✏️ Изменить аудиторию",
    "broadcast.discard": "✖️ Отменить",
    "broadcast.discarded": "Рассылка отменена, ничего не отправлено.",
    "broadcast.no_recipients": "Получателей нет: выберите другую аудиторию.",
    "broadcast.started": "Рассылка #{id} запущена.",
    "broadcast.draft_gone": "Этот черновик уже отправлен или отменён.",
    # audience descriptions
    "broadcast.everyone": "все доступные пользователи",
    "broadcast.seg_days": "активны за {days} дн.",
    "broadcast.seg_ordered": "делали заказ",
    "broadcast.seg_language": "язык {lang}",
    # progress
    "broadcast.progress": (
        "📣 Рассылка #{id} — {state}\n{bar} {percent}%\n"
        "✅ Отправлено: {sent}\n🚫 Заблокировали бота: {blocked}\n"
        "⚠️ Ошибки: {failed}\n⏳ Осталось: {pending} из {total}"
    ),
    "broadcast.progress_speed": "Скорость: {rate} сообщ./с · осталось ~{eta}",
    "broadcast.progress_took": "Заняла {duration}.",
    "broadcast.progress_error": "Причина: {error}",
    "broadcast.state_queueing": "готовлю список получателей ({queued})",
    "broadcast.state_running": "идёт",
    "broadcast.state_flood": "пауза по требованию Telegram ({seconds} с)",
    "broadcast.state_paused": "на паузе",
    "broadcast.state_finished": "завершена",
    "broadcast.state_cancelled": "отменена",
    "broadcast.state_failed": "остановлена из-за ошибки",
    "broadcast.pause": "⏸ Пауза",
    "broadcast.resume": "▶️ Продолжить",
    "broadcast.cancel": "✖️ Отменить рассылку",
    "broadcast.pausing": "Ставлю на паузу…",
    "broadcast.resuming": "Продолжаю…",
    "broadcast.cancelling": "Отменяю…",
    # history
    "broadcast.history_title": "📜 История рассылок ({total}), страница {page} из {pages}:",
    "broadcast.history_empty": "Рассылок ещё не было.",
    "broadcast.history_item": (
        "#{id} · {status} · {author}\nСоздана {created}, начата {started}, "
        "закончена {finished}\nАудитория: {audience}\n"
        "Всего {total}: отправлено {sent}, заблокировали {blocked}, ошибки {failed}, "
        "осталось {pending}"
    ),
    "broadcast.history_took": "Заняла {duration}.",
    "broadcast.history_newer": "◀️ Новее",
    "broadcast.history_older": "Старее ▶️",
    "broadcast.status_draft": "черновик",
    "broadcast.status_running": "идёт",
    "broadcast.status_paused": "на паузе",
    "broadcast.status_finished": "завершена",
    "broadcast.status_cancelled": "отменена",
    "broadcast.status_failed": "ошибка",
    "broadcast.never": "—",
    "broadcast.seconds": "{n} с",
    "broadcast.minutes": "{m} мин {s} с",
    "broadcast.hours": "{h} ч {m} мин",
}

EN = {
    # menu
    "broadcast.menu": "📣 Broadcast. The message goes to every chosen user of the bot.",
    "broadcast.new": "✍️ New broadcast",
    "broadcast.history": "📜 History",
    # composing
    "broadcast.ask_text": (
        "Send the broadcast's text. Formatting (bold, italic, links) is kept. "
        "You may send a photo with a caption."
    ),
    "broadcast.text_empty": "It needs a text or a photo with a caption. Try again.",
    "broadcast.text_too_long": "Too long: {length} characters, at most {limit}. Shorten it.",
    "broadcast.ask_button": (
        "Add a link button? Send “Button text | https://address” or press “No button”."
    ),
    "broadcast.button_invalid": (
        "I could not read the button. Format: “Button text | https://address” "
        "(text up to 64 characters, address with https://, http:// or tg://)."
    ),
    "broadcast.skip_button": "No button",
    "broadcast.ask_audience": "Who gets it?\nNow: {audience}\nRecipients: {count}",
    "broadcast.audience_hint": "You may also send a number: “active in the last N days”.",
    "broadcast.audience_all": "👥 All reachable",
    "broadcast.audience_days": "🕒 Active {days} d",
    "broadcast.audience_ordered": "🛍 Have ordered",
    "broadcast.audience_language": "🌐 Language: {lang}",
    "broadcast.audience_any_language": "any",
    "broadcast.days_invalid": "It needs a whole number of days from 1 to 3650.",
    "broadcast.to_preview": "Preview ▶️",
    "broadcast.preview_header": "👇 This is what recipients will see:",
    "broadcast.summary": (
        "The broadcast is ready.\nAudience: {audience}\nRecipients: {count}\n"
        "Rate: up to {rate} msg/s, about {duration}.\nSend it?"
    ),
    "broadcast.confirm": "✅ Send",
    "broadcast.edit_audience": "✏️ Change audience",
    "broadcast.discard": "✖️ Cancel",
    "broadcast.discarded": "Broadcast cancelled; nothing was sent.",
    "broadcast.no_recipients": "Nobody to send to: choose another audience.",
    "broadcast.started": "Broadcast #{id} started.",
    "broadcast.draft_gone": "This draft was already sent or cancelled.",
    # audience descriptions
    "broadcast.everyone": "all reachable users",
    "broadcast.seg_days": "active in the last {days} d",
    "broadcast.seg_ordered": "have ordered",
    "broadcast.seg_language": "language {lang}",
    # progress
    "broadcast.progress": (
        "📣 Broadcast #{id} — {state}\n{bar} {percent}%\n"
        "✅ Sent: {sent}\n🚫 Blocked the bot: {blocked}\n"
        "⚠️ Failed: {failed}\n⏳ Pending: {pending} of {total}"
    ),
    "broadcast.progress_speed": "Rate: {rate} msg/s · about {eta} left",
    "broadcast.progress_took": "Took {duration}.",
    "broadcast.progress_error": "Reason: {error}",
    "broadcast.state_queueing": "preparing the recipients ({queued})",
    "broadcast.state_running": "running",
    "broadcast.state_flood": "waiting, as Telegram asked ({seconds} s)",
    "broadcast.state_paused": "paused",
    "broadcast.state_finished": "finished",
    "broadcast.state_cancelled": "cancelled",
    "broadcast.state_failed": "stopped by an error",
    "broadcast.pause": "⏸ Pause",
    "broadcast.resume": "▶️ Resume",
    "broadcast.cancel": "✖️ Cancel broadcast",
    "broadcast.pausing": "Pausing…",
    "broadcast.resuming": "Resuming…",
    "broadcast.cancelling": "Cancelling…",
    # history
    "broadcast.history_title": "📜 Broadcasts ({total}), page {page} of {pages}:",
    "broadcast.history_empty": "No broadcasts yet.",
    "broadcast.history_item": (
        "#{id} · {status} · {author}\nCreated {created}, started {started}, "
        "ended {finished}\nAudience: {audience}\n"
        "Total {total}: sent {sent}, blocked {blocked}, failed {failed}, pending {pending}"
    ),
    "broadcast.history_took": "Took {duration}.",
    "broadcast.history_newer": "◀️ Newer",
    "broadcast.history_older": "Older ▶️",
    "broadcast.status_draft": "draft",
    "broadcast.status_running": "running",
    "broadcast.status_paused": "paused",
    "broadcast.status_finished": "finished",
    "broadcast.status_cancelled": "cancelled",
    "broadcast.status_failed": "failed",
    "broadcast.never": "—",
    "broadcast.seconds": "{n} s",
    "broadcast.minutes": "{m} min {s} s",
    "broadcast.hours": "{h} h {m} min",
}
