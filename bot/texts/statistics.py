"""Texts of `/superadmin` -> Statistics: the figures screen and the chart."""

RU = {
    "stats.section": "📊 Статистика",
    "stats.title": "📊 Статистика · посчитано в {time} UTC",
    "stats.users": "👥 Пользователи: всего {total}",
    "stats.users_new": "Новые: сегодня {today} · 7 дней {week} · 30 дней {month}",
    "stats.users_active": "Активные: сутки {today} · 7 дней {week} · 30 дней {month}",
    "stats.users_gone": "Забанены: {banned} · заблокировали бота: {blocked}",
    "stats.orders": "📦 Заказы (сегодня / 7 дней / 30 дней)",
    "stats.orders_row": "{status}: {today} / {week} / {month}",
    "stats.status_new": "Новые",
    "stats.status_confirmed": "Подтверждены",
    "stats.status_paid": "Оплачены",
    "stats.status_shipped": "Отправлены",
    "stats.status_delivered": "Доставлены",
    "stats.status_cancelled": "Отменены",
    "stats.revenue": "💰 Выручка: {today} / {week} / {month}",
    "stats.average": "Средний заказ: {today} / {week} / {month}",
    "stats.revenue_note": "(доставленные и оплаченные онлайн, без отменённых)",
    "stats.top_products": "🏆 Топ товаров за 30 дней: {items}",
    "stats.top_sizes": "📏 Топ размеров за 30 дней: {items}",
    "stats.top_item": "{label} — {quantity}",
    "stats.none": "нет",
    "stats.funnel": (
        "🔻 Воронка, {days} дней: запустили бота {started} → корзина {carted} → "
        "оформление {checkout} → заказ {ordered}"
    ),
    "stats.broadcasts": "📣 Последние рассылки:",
    "stats.broadcast_row": (
        "№{id} ({status}, {date}): доставлено {sent} из {total}, "
        "заблокировали {blocked}, ошибки {failed}"
    ),
    "stats.no_broadcasts": "📣 Рассылок ещё не было.",
    "stats.refresh": "🔄 Обновить",
    "stats.chart": "📈 График за 30 дней",
    "stats.refreshed": "Пересчитано",
    "stats.chart_title": "Заказы и выручка по дням, последние 30 дней",
    "stats.chart_orders": "Заказы",
    "stats.chart_revenue": "Выручка, {currency}",
    "stats.chart_caption": "📈 Заказы и выручка по дням за 30 дней · посчитано в {time} UTC",
}

EN = {
    "stats.section": "📊 Statistics",
    "stats.title": "📊 Statistics · computed at {time} UTC",
    "stats.users": "👥 Users: {total} in all",
    "stats.users_new": "New: today {today} · 7 days {week} · 30 days {month}",
    "stats.users_active": "Active: 1 day {today} · 7 days {week} · 30 days {month}",
    "stats.users_gone": "Banned: {banned} · blocked the bot: {blocked}",
    "stats.orders": "📦 Orders (today / 7 days / 30 days)",
    "stats.orders_row": "{status}: {today} / {week} / {month}",
    "stats.status_new": "New",
    "stats.status_confirmed": "Confirmed",
    "stats.status_paid": "Paid",
    "stats.status_shipped": "Shipped",
    "stats.status_delivered": "Delivered",
    "stats.status_cancelled": "Cancelled",
    "stats.revenue": "💰 Revenue: {today} / {week} / {month}",
    "stats.average": "Average order: {today} / {week} / {month}",
    "stats.revenue_note": "(delivered and paid online, cancelled ones left out)",
    "stats.top_products": "🏆 Top products, 30 days: {items}",
    "stats.top_sizes": "📏 Top sizes, 30 days: {items}",
    "stats.top_item": "{label} — {quantity}",
    "stats.none": "none",
    "stats.funnel": (
        "🔻 Funnel, {days} days: started the bot {started} → cart {carted} → "
        "checkout {checkout} → order {ordered}"
    ),
    "stats.broadcasts": "📣 Last broadcasts:",
    "stats.broadcast_row": (
        "#{id} ({status}, {date}): delivered {sent} of {total}, blocked {blocked}, failed {failed}"
    ),
    "stats.no_broadcasts": "📣 No broadcasts yet.",
    "stats.refresh": "🔄 Refresh",
    "stats.chart": "📈 Chart, 30 days",
    "stats.refreshed": "Computed again",
    "stats.chart_title": "Orders and revenue per day, last 30 days",
    "stats.chart_orders": "Orders",
    "stats.chart_revenue": "Revenue, {currency}",
    "stats.chart_caption": "📈 Orders and revenue per day, last 30 days · computed at {time} UTC",
}
