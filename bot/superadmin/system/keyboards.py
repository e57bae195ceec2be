"""The System screen's keyboard (a pure function of the request)."""

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import Request
from bot.superadmin.broadcasts.compose import SUPERADMIN_MENU
from bot.superadmin.system.actions import MENU, TEST_ALERT


def system_keyboard(request: Request) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(request.t("system.refresh"), callback_data=request.button(MENU))],
            [
                InlineKeyboardButton(
                    request.t("system.test_alert"), callback_data=request.button(TEST_ALERT)
                )
            ],
            [
                InlineKeyboardButton(
                    request.t("superadmin.back"), callback_data=request.button(SUPERADMIN_MENU)
                )
            ],
        ]
    )
