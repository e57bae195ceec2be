"""The callback actions of the Statistics screen (all need SUPERADMIN)."""

from bot.callbacks import Action

STATISTICS = Action("st.open")  # the figures, from the cache when fresh
REFRESH = Action("st.refresh")  # the figures computed now
CHART = Action("st.chart")  # the chart of the last 30 days, as a photo
