"""The Piccolo app of the shop's tables; its migrations live in top-level piccolo_migrations/."""

from pathlib import Path

from piccolo.apps.user.tables import BaseUser
from piccolo.conf.apps import AppConfig
from piccolo_api.session_auth.tables import SessionsBase

from models.admins import Admin, AuditLog
from models.broadcasts import Broadcast, BroadcastDelivery
from models.carts import CartItem
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.channel_posts import ChannelPost
from models.checkout import CheckoutSession
from models.conversations import ConversationState
from models.order_cards import OrderCardMessage
from models.order_history import OrderStatusChange
from models.order_notices import OrderNotice
from models.orders import Order, OrderItem
from models.payments import ReceivedPayment
from models.relays import CustomerRelay
from models.stock_waits import StockWait
from models.telegram_sessions import TelegramPeer, TelegramSession
from models.update_state import HandledUpdate, UpdateState
from models.users import User
from models.web_sign_in import WebSignInToken

MIGRATIONS_FOLDER = Path(__file__).resolve().parent.parent / "piccolo_migrations"

APP_CONFIG = AppConfig(
    app_name="shop",
    migrations_folder_path=MIGRATIONS_FOLDER,
    table_classes=[
        User,
        Category,
        Product,
        ProductPhoto,
        ProductVariant,
        CartItem,
        Order,
        OrderItem,
        Broadcast,
        BroadcastDelivery,
        Admin,
        AuditLog,
        CheckoutSession,
        ReceivedPayment,
        OrderNotice,
        UpdateState,
        HandledUpdate,
        TelegramSession,
        TelegramPeer,
        ConversationState,
        ChannelPost,
        StockWait,
        CustomerRelay,
        OrderStatusChange,
        OrderCardMessage,
        WebSignInToken,
        # piccolo's own tables for the web admin's users and sessions (piccolo_api)
        BaseUser,
        SessionsBase,
    ],
)
