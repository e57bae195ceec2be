"""An incident is one message: repeats of an alert key inside the window are folded."""

from actors.alert_dispatcher import AlertThrottle, format_alert
from actors.messages import Alert, Severity


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_repeats_inside_the_window_are_held_back_and_counted_in_the_next_message() -> None:
    clock = ManualClock()
    throttle = AlertThrottle(repeat_window=60, clock=clock)

    assert throttle.admit("crash:order_processor") == 0
    clock.now += 1
    assert throttle.admit("crash:order_processor") is None
    assert throttle.admit("crash:order_processor") is None
    assert throttle.admit("crash:update_reader") == 0
    clock.now += 60
    assert throttle.admit("crash:order_processor") == 2


def test_an_alert_message_names_severity_source_text_details_and_folded_repeats() -> None:
    alert = Alert(
        "supervisor",
        "order_processor crashed",
        Severity.CRITICAL,
        details={"error": "ValueError('x')"},
    )
    assert format_alert(alert, folded=3).splitlines() == [
        "🚨 CRITICAL · supervisor",
        "order_processor crashed",
        "error: ValueError('x')",
        "(+3 similar in the last minutes)",
    ]
