"""German calendar time: the days people see, filter by and count in.

Timestamps are stored in UTC; whenever a timestamp becomes a day (filters,
statistics, reference-number years, certificate dates) it is a day in
Europe/Berlin, computed here and nowhere else.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Berlin")


def local_midnight(day: date) -> datetime:
    """The first moment of ``day`` in German local time, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME)


def local_day(moment: datetime) -> date:
    """The German calendar day of an aware instant."""
    return moment.astimezone(LOCAL_TIME).date()


def local_today() -> date:
    """Today in Germany, whatever the server's time zone."""
    return datetime.now(LOCAL_TIME).date()
