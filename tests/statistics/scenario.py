"""One municipality's year 2025, with rows on every edge of the period.

Times are given with their offset; "local" below means German time, which decides
the day, month and year a record counts in.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from tests.statistics.builders import (
    CaseRow,
    ConsultationRow,
    ContactRow,
    ReferralRow,
    SeriesRow,
    add_cases,
    add_consultations,
    add_contacts,
    add_referrals,
    add_series,
)
from tests.support import Tenant

YEAR_2025 = {"from": "2025-01-01", "to": "2025-12-31"}
MOBIT = "Mobile Beratung in Thüringen (MOBIT)"
EZRA = "ezra – Opferberatung Thüringen"

CASES = (
    # Opened before the period and still open: open at the end, not new.
    CaseRow("2024-11-10T10:00+01:00", status="in_progress", level=3),
    # Opened before, closed in February: closed in the period.
    CaseRow("2024-06-01T10:00+02:00", status="closed", closed="2025-02-03T11:00+01:00"),
    # Closed at 23:30 local on 31 December 2024: before the period, counts nowhere.
    CaseRow("2024-05-01T10:00+02:00", status="closed", closed="2024-12-31T22:30Z"),
    # 23:30 UTC on 31 December 2024 is 00:30 local on 1 January 2025: new in January.
    CaseRow(
        "2024-12-31T23:30Z",
        status="new",
        level=2,
        democracy=True,
        topics=("local_politics", "youth"),
    ),
    # New in March, referred just after midnight local on 1 April.
    CaseRow(
        "2025-03-15T10:00+01:00",
        status="referred",
        level=4,
        topics=("local_politics",),
        closed="2025-03-31T22:10Z",
    ),
    # 23:30 local on 31 December 2025: still in the period, new in December.
    CaseRow("2025-12-31T23:30+01:00", status="analysing", level=4),
    # 00:30 local on 1 January 2026: after the period.
    CaseRow("2025-12-31T23:30Z", status="new", level=9, democracy=True),
    # New in June, closed after the period: open at the end of it.
    CaseRow(
        "2025-06-10T09:00+02:00",
        status="closed",
        level=7,
        democracy=True,
        topics=("neighbourhood",),
        closed="2026-01-05T10:00+01:00",
    ),
)

CONSULTATIONS = (
    ConsultationRow("2024-12-31T23:15Z", minutes=60),  # 1 January local
    ConsultationRow("2025-01-20T10:00+01:00", minutes=90, kind="mediation", format="online"),
    ConsultationRow(  # 00:30 local on 1 March
        "2025-02-28T23:30Z",
        minutes=30,
        kind="referral",
        format="phone",
    ),
    ConsultationRow(  # the last second of the period, local
        "2025-12-31T22:59:59Z",
        minutes=60,
        kind="referral",
    ),
    ConsultationRow("2025-12-31T23:00Z", minutes=45),  # 1 January 2026 local
    ConsultationRow("2024-12-31T22:59Z", minutes=45),  # 31 December 2024 local
)

REFERRALS = (
    ReferralRow(date(2025, 3, 1), MOBIT, "agreed"),
    ReferralRow(date(2025, 12, 31), EZRA, "completed"),
    ReferralRow(date(2024, 12, 31), EZRA, "completed"),  # before the period
    ReferralRow(date(2026, 1, 1), MOBIT),  # after it
)

CONTACTS = (
    ContactRow("2024-03-01T10:00+01:00"),
    ContactRow("2025-05-05T10:00+02:00", group="politics"),
    ContactRow("2025-12-31T23:30Z", group="media"),  # 2026 local
    ContactRow("2024-12-31T23:30Z"),  # 1 January 2025 local
)


def training_rows(user_id: uuid.UUID) -> list[SeriesRow]:
    return [
        # 2025: three participants, three session days in two modules.
        SeriesRow(
            days=[[date(2025, 3, 10), date(2025, 3, 11)], [date(2025, 4, 7)]],
            participants={
                "Anna Schulze": date(2025, 4, 7),
                "Jens Möller": None,
                "Sabine Krüger": date(2025, 4, 7),
            },
            attendance={
                ("Anna Schulze", 0): "present",
                ("Jens Möller", 0): "absent",
                ("Sabine Krüger", 0): "present",
                ("Anna Schulze", 1): "present",
                ("Jens Möller", 1): "excused",
                ("Sabine Krüger", 1): "present",
                ("Anna Schulze", 2): "present",
                ("Jens Möller", 2): "present",
                ("Sabine Krüger", 2): "present",
            },
            users={"Anna Schulze": user_id},
        ),
        # 2024: Anna Schulze (the same account) completed an earlier series.
        SeriesRow(
            days=[[date(2024, 10, 1)]],
            participants={"Anna Schulze": date(2024, 10, 1)},
            attendance={("Anna Schulze", 0): "present"},
            users={"Anna Schulze": user_id},
        ),
        # 2026: after the period.
        SeriesRow(
            days=[[date(2026, 2, 1)]],
            participants={"Peter Lange": date(2026, 2, 1)},
            attendance={("Peter Lange", 0): "present"},
        ),
    ]


async def arrange(db: Any, tenant: Tenant) -> None:
    """The whole year in ``tenant``."""
    await add_cases(db, tenant, *CASES)
    await add_consultations(db, tenant, *CONSULTATIONS)
    await add_referrals(db, tenant, *REFERRALS)
    await add_contacts(db, tenant, *CONTACTS)
    for row in training_rows(tenant.user("conflict_manager").id):
        await add_series(db, tenant, row)
