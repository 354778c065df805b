"""Demo places: the towns and municipalities of the Wartburgkreis with some of their
Ortsteile (``kokoma.demo.cases`` links the demo cases to the places they name).

Official keys (Amtlicher Gemeindeschlüssel) are given for the towns whose key is in the
public municipal register; the other municipalities are listed without one, as a list
kept by hand would be until someone looks them up. Idempotent: places are recognised by
name.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place, PlaceKind

# (municipality, official key or None, its Ortsteile)
WARTBURGKREIS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("Amt Creuzburg", "16063104", ("Creuzburg", "Ebenshausen", "Mihla")),
    ("Bad Liebenstein", "16063099", ("Schweina", "Steinbach")),
    ("Bad Salzungen", "16063003", ("Allendorf", "Ettenhausen an der Suhl", "Langenfeld")),
    ("Barchfeld-Immelborn", None, ("Barchfeld", "Immelborn")),
    ("Dermbach", None, ("Stadtlengsfeld", "Urnshausen")),
    ("Eisenach", "16063105", ("Stockhausen", "Stregda", "Hötzelsroda")),
    ("Geisa", "16063032", ("Borsch",)),
    ("Gerstungen", None, ("Marksuhl", "Oberellen", "Untersuhl")),
    ("Krayenberggemeinde", None, ("Merkers", "Tiefenort", "Kieselbach")),
    ("Ruhla", "16063066", ("Thal", "Kittelsthal")),
    ("Seebach", None, ()),
    ("Treffurt", "16063076", ("Großburschla", "Falken")),
    ("Vacha", "16063082", ("Völkershausen",)),
    ("Werra-Suhl-Tal", "16063103", ("Berka/Werra", "Dankmarshausen", "Dippach")),
    ("Wutha-Farnroda", None, ("Wutha", "Farnroda")),
)

PLACES = {"wak": WARTBURGKREIS}


async def load_places(session: AsyncSession) -> None:
    """The demo municipalities' places (the Wartburgkreis has a list, the other none)."""
    for slug, places in PLACES.items():
        municipality = await session.scalar(select(Municipality).where(Municipality.slug == slug))
        if municipality is None:
            continue
        known = {
            place.name: place
            for place in await session.scalars(
                select(Place).where(Place.municipality_id == municipality.id)
            )
        }
        for name, key, parts in places:
            town = known.get(name)
            if town is None:
                town = Place(
                    municipality_id=municipality.id,
                    name=name,
                    kind=PlaceKind.MUNICIPALITY,
                    official_key=key,
                )
                session.add(town)
                await session.flush()
                known[name] = town
            for part in parts:
                if part not in known:
                    known[part] = Place(
                        municipality_id=municipality.id,
                        name=part,
                        kind=PlaceKind.DISTRICT_PART,
                        parent_id=town.id,
                    )
                    session.add(known[part])
        await session.flush()
