"""The System screen's buttons."""

from bot.callbacks import Action

MENU = Action("sys.menu")  # open (or refresh) the System screen
TEST_ALERT = Action("sys.test")  # queue a test alert to every superadmin
