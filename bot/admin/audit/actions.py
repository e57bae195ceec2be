"""The callback actions of the audit screen (all need SUPERADMIN)."""

from bot.callbacks import PAGE, Action, Int

#: A Telegram user id as the filter carries it (0: every admin).
ACTOR = Int(0, 2**53)

AUDIT = Action("audit")  # the first page, every admin
AUDIT_PAGE = Action("audit.pg", ACTOR, PAGE)  # admin (0 = all), page
AUDIT_FILTER = Action("audit.who")  # choose an admin
