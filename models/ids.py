"""Row ids as the database holds them: serial primary keys are int4 on PostgreSQL.

An id that comes from outside (a deep link, a button's data) and lies beyond this range
names no row, and PostgreSQL refuses it as a query argument: it must be turned away
before any query, as an id that names nothing.
"""

SERIAL_ID_MAX = 2**31 - 1


def is_serial_id(value: int) -> bool:
    """Whether `value` can be the id of a row (a serial key: 1 to 2**31 - 1)."""
    return 1 <= value <= SERIAL_ID_MAX
