"""Demo places: the Wartburgkreis with its towns, their official keys and Ortsteile."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.cases.models import Case
from kokoma.demo.loader import load_demo_data
from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place, PlaceKind


async def test_the_wartburgkreis_has_its_places_and_its_cases_name_them(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        wak = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
        places = {
            p.name: p
            for p in await session.scalars(select(Place).where(Place.municipality_id == wak.id))
        }
        assert places["Bad Salzungen"].official_key == "16063003"
        assert places["Eisenach"].kind is PlaceKind.MUNICIPALITY
        assert places["Marksuhl"].parent_id == places["Gerstungen"].id
        assert all(p.official_key is None for p in places.values() if p.parent_id)
        rows = await session.scalar(
            select(func.count()).select_from(Place).where(Place.municipality_id == wak.id)
        )
        assert rows == len(places)  # loaded once, though loaded twice
        cases = list(await session.scalars(select(Case).where(Case.municipality_id == wak.id)))
        linked = [c for c in cases if c.place_id]
        assert all(places[c.place].id == c.place_id for c in linked)
        # Places outside the list (a town of the neighbouring district) stay in words.
        assert any(c.place and c.place_id is None for c in cases)
        assert len(linked) > len(cases) / 2
        uh = await session.scalar(select(Municipality).where(Municipality.slug == "uh"))
        elsewhere = await session.scalar(
            select(func.count()).select_from(Place).where(Place.municipality_id == uh.id)
        )
        assert elsewhere == 0  # the other demo district keeps its places in words
