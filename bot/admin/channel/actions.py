"""The callback actions of the Channel section (all need at least ADMIN)."""

from bot.callbacks import PAGE, ROW_ID, Action

CHANNEL = Action("ch")  # the section, first page (the admin menu's button)
CHANNEL_PAGE = Action("ch.page", PAGE)
PUBLISH = Action("ch.pub", ROW_ID, PAGE)  # product id, page to show again
UNPUBLISH = Action("ch.unpub", ROW_ID, PAGE)  # product id, page to show again
