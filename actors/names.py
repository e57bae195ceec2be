"""Actor ids; each actor's inbox carries the same name as the actor."""

METRICS_COLLECTOR = "metrics_collector"
ALERT_DISPATCHER = "alert_dispatcher"
ORDER_PROCESSOR = "order_processor"
BROADCAST_SENDER = "broadcast_sender"
UPDATE_READER = "update_reader"
