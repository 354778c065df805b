"""Demo network: organisations and people of two Thüringen districts and how they relate.

The organisations are typical of a rural district; every person is invented, and
phone numbers start with a 0 after the area code, which no real line does.
Idempotent: contacts are recognised by name, relations by their two ends and type.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.contacts.models import (
    ActorGroup,
    Contact,
    ContactKind,
    ContactRelation,
    ContactTopic,
    LegalBasis,
    RelationType,
)
from kokoma.contacts.service import sort_key
from kokoma.core.calendar import local_today
from kokoma.municipalities.models import Municipality

A = ActorGroup
R = RelationType
# Extra cooperation ties drawn among the organisations of the democratic network.
EXTRA_TIES = {"wak": 45, "uh": 12}


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    group: ActorGroup
    town: str
    topics: tuple[str, ...] = ()
    # Part of the local network for democracy: cooperates with the others.
    network: bool = False
    steering_group: bool = False
    parent: str | None = None


@dataclass(frozen=True)
class Person:
    key: str
    given: str
    family: str
    group: ActorGroup
    position: str
    org: str | None
    topics: tuple[str, ...] = ()
    steering_group: bool = False
    # Private persons are kept with their consent; office holders on public task.
    private: bool = False


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    type: RelationType
    note: str | None = None
    directed: bool = False


@dataclass(frozen=True)
class Network:
    postcodes: dict[str, str]
    area_code: str
    orgs: tuple[Org, ...]
    people: tuple[Person, ...]
    ties: tuple[Tie, ...]


WAK = Network(
    postcodes={
        "Bad Salzungen": "36433",
        "Gerstungen": "99834",
        "Vacha": "36404",
        "Treffurt": "99830",
        "Dermbach": "36466",
        "Tiefenort": "36469",
        "Marksuhl": "99819",
        "Creuzburg": "99831",
        "Eisenach": "99817",
        "Ruhla": "99842",
        "Bad Liebenstein": "36448",
        "Geisa": "36419",
        "Kaltennordheim": "36452",
        "Erfurt": "99084",
        "Gotha": "99867",
    },
    area_code="3695",
    orgs=(
        Org(
            "lra",
            "Landratsamt Wartburgkreis",
            A.ADMINISTRATION,
            "Bad Salzungen",
            ("Verwaltung", "Kreisentwicklung"),
            network=True,
            steering_group=True,
        ),
        Org(
            "jugendamt",
            "Jugendamt Wartburgkreis",
            A.ADMINISTRATION,
            "Bad Salzungen",
            ("Jugend", "Kinderschutz"),
            network=True,
            parent="lra",
        ),
        Org(
            "migration",
            "Fachdienst Migration und Integration Wartburgkreis",
            A.ADMINISTRATION,
            "Bad Salzungen",
            ("Migration", "Unterbringung"),
            network=True,
            parent="lra",
        ),
        Org(
            "ordnungsamt",
            "Ordnungsamt Bad Salzungen",
            A.ADMINISTRATION,
            "Bad Salzungen",
            ("Ordnung", "Versammlungen"),
        ),
        Org(
            "sv_bas",
            "Stadtverwaltung Bad Salzungen",
            A.ADMINISTRATION,
            "Bad Salzungen",
            ("Stadtentwicklung",),
            network=True,
        ),
        Org(
            "gv_gerstungen",
            "Gemeindeverwaltung Gerstungen",
            A.ADMINISTRATION,
            "Gerstungen",
            ("Windkraft", "Haushalt"),
            network=True,
        ),
        Org("sv_vacha", "Stadtverwaltung Vacha", A.ADMINISTRATION, "Vacha", ("Schulstandort",)),
        Org("sv_treffurt", "Stadtverwaltung Treffurt", A.ADMINISTRATION, "Treffurt"),
        Org("vg_dermbach", "Verwaltungsgemeinschaft Dermbach", A.ADMINISTRATION, "Dermbach"),
        Org("kreistag", "Kreistag Wartburgkreis", A.POLITICS, "Bad Salzungen", ("Kreispolitik",)),
        Org(
            "gr_gerstungen",
            "Gemeinderat Gerstungen",
            A.POLITICS,
            "Gerstungen",
            ("Windkraft", "Haushalt"),
        ),
        Org("sr_vacha", "Stadtrat Vacha", A.POLITICS, "Vacha", ("Schulstandort",)),
        Org("otr_tiefenort", "Ortsteilrat Tiefenort", A.POLITICS, "Tiefenort", ("Freibad",)),
        Org("otr_marksuhl", "Ortsteilrat Marksuhl", A.POLITICS, "Marksuhl", ("Dorffest",)),
        Org(
            "pi_bas",
            "Polizeiinspektion Bad Salzungen",
            A.POLICE,
            "Bad Salzungen",
            ("Versammlungen", "Prävention"),
            network=True,
            steering_group=True,
        ),
        Org(
            "lpi_praevention",
            "Landespolizeiinspektion Gotha – Prävention",
            A.POLICE,
            "Gotha",
            ("Prävention", "Extremismus"),
            network=True,
        ),
        Org(
            "rs_gerstungen",
            "Staatliche Regelschule Gerstungen",
            A.EDUCATION,
            "Gerstungen",
            ("Schule", "Demokratiebildung"),
            network=True,
        ),
        Org("gs_vacha", "Staatliche Grundschule Vacha", A.EDUCATION, "Vacha", ("Schulstandort",)),
        Org(
            "gym_bas",
            "Staatliches Gymnasium Bad Salzungen",
            A.EDUCATION,
            "Bad Salzungen",
            ("Demokratiebildung",),
            network=True,
        ),
        Org(
            "vhs",
            "Volkshochschule Wartburgkreis",
            A.EDUCATION,
            "Bad Salzungen",
            ("Erwachsenenbildung", "Integrationskurse"),
            network=True,
        ),
        Org("kita_tiefenort", "Kita Werrazwerge Tiefenort", A.EDUCATION, "Tiefenort", ("Kinder",)),
        Org(
            "kirchenkreis",
            "Evangelischer Kirchenkreis Bad Salzungen-Dermbach",
            A.RELIGIOUS_COMMUNITY,
            "Bad Salzungen",
            ("Seelsorge", "Flüchtlingshilfe"),
            network=True,
            steering_group=True,
        ),
        Org(
            "kg_gerstungen",
            "Evangelische Kirchgemeinde Gerstungen",
            A.RELIGIOUS_COMMUNITY,
            "Gerstungen",
            ("Seelsorge",),
            network=True,
            parent="kirchenkreis",
        ),
        Org(
            "pfarrei_vacha",
            "Katholische Pfarrei St. Vitus Vacha",
            A.RELIGIOUS_COMMUNITY,
            "Vacha",
            ("Seelsorge",),
            network=True,
        ),
        Org(
            "kulturverein",
            "Deutsch-Arabischer Kulturverein Wartburgregion e.V.",
            A.RELIGIOUS_COMMUNITY,
            "Eisenach",
            ("Gebetsraum", "Integration"),
        ),
        Org(
            "ffw_gerstungen",
            "Freiwillige Feuerwehr Gerstungen",
            A.ASSOCIATIONS,
            "Gerstungen",
            ("Brandschutz", "Jugendfeuerwehr"),
        ),
        Org(
            "ffw_tiefenort",
            "Freiwillige Feuerwehr Tiefenort",
            A.ASSOCIATIONS,
            "Tiefenort",
            ("Brandschutz",),
        ),
        Org(
            "ksb",
            "Kreissportbund Wartburgkreis e.V.",
            A.ASSOCIATIONS,
            "Bad Salzungen",
            ("Sport", "Ehrenamt"),
            network=True,
        ),
        Org(
            "sv_werra",
            "SV Werra Vacha 1919 e.V.",
            A.ASSOCIATIONS,
            "Vacha",
            ("Sport",),
            parent="ksb",
        ),
        Org(
            "heimatverein",
            "Heimatverein Creuzburg e.V.",
            A.ASSOCIATIONS,
            "Creuzburg",
            ("Heimatfest", "Brauchtum"),
        ),
        Org(
            "kirmes", "Kirmesgesellschaft Marksuhl e.V.", A.ASSOCIATIONS, "Marksuhl", ("Dorffest",)
        ),
        Org(
            "kjr",
            "Kreisjugendring Wartburgkreis e.V.",
            A.ASSOCIATIONS,
            "Bad Salzungen",
            ("Jugend", "Jugendclubs"),
            network=True,
            steering_group=True,
        ),
        Org(
            "freibad",
            "Förderverein Freibad Tiefenort e.V.",
            A.ASSOCIATIONS,
            "Tiefenort",
            ("Freibad",),
        ),
        Org("kgv", "Kleingartenverein Am Werrabogen e.V.", A.ASSOCIATIONS, "Bad Salzungen"),
        Org(
            "traeger",
            "Trägerverein Kommunales Konfliktmanagement Wartburgkreis e.V.",
            A.ASSOCIATIONS,
            "Bad Salzungen",
            ("Konfliktmanagement",),
            network=True,
            steering_group=True,
        ),
        Org(
            "bi_werratal",
            "Bürgerinitiative Lebenswertes Werratal",
            A.CIVIL_SOCIETY,
            "Gerstungen",
            ("Windkraft", "Naturschutz"),
        ),
        Org(
            "bi_gegenwind",
            "Bürgerinitiative Gegenwind Rhön",
            A.CIVIL_SOCIETY,
            "Kaltennordheim",
            ("Windkraft",),
        ),
        Org(
            "buendnis",
            "Bündnis für Demokratie und Weltoffenheit Wartburgkreis",
            A.CIVIL_SOCIETY,
            "Bad Salzungen",
            ("Demokratie", "Rechtsextremismus"),
            network=True,
            steering_group=True,
        ),
        Org(
            "willkommen",
            "Willkommensinitiative Bad Salzungen",
            A.CIVIL_SOCIETY,
            "Bad Salzungen",
            ("Migration", "Ehrenamt"),
            network=True,
        ),
        Org(
            "eltern_vacha",
            "Elterninitiative Grundschule Vacha",
            A.CIVIL_SOCIETY,
            "Vacha",
            ("Schulstandort",),
        ),
        Org(
            "seniorenbeirat",
            "Seniorenbeirat Bad Salzungen",
            A.CIVIL_SOCIETY,
            "Bad Salzungen",
            ("Senioren",),
            network=True,
        ),
        Org(
            "windpark",
            "Windpark Werra-Rhön GmbH & Co. KG",
            A.BUSINESS,
            "Gerstungen",
            ("Windkraft",),
        ),
        Org("solarpark", "Solarpark Hainich-Werra GmbH", A.BUSINESS, "Treffurt", ("Solar",)),
        Org(
            "agrar",
            "Agrargenossenschaft Werratal eG",
            A.BUSINESS,
            "Gerstungen",
            ("Landwirtschaft", "Solar"),
        ),
        Org("gewerbe_vacha", "Gewerbeverein Vacha e.V.", A.BUSINESS, "Vacha", ("Innenstadt",)),
        Org("linde", "Gasthaus Zur Linde Marksuhl", A.BUSINESS, "Marksuhl", ("Dorffest",)),
        Org(
            "rundschau",
            "Südthüringer Rundschau – Lokalredaktion Bad Salzungen",
            A.MEDIA,
            "Bad Salzungen",
            ("Lokalpolitik",),
        ),
        Org("radio", "Wartburg-Radio 96,5", A.MEDIA, "Eisenach", ("Lokalnachrichten",)),
        Org(
            "mobit",
            "Mobile Beratung in Thüringen (MOBIT)",
            A.COUNSELLING_SERVICES,
            "Erfurt",
            ("Rechtsextremismus", "Demokratie"),
            network=True,
            steering_group=True,
        ),
        Org(
            "ezra",
            "ezra – Beratung für Betroffene rechter Gewalt",
            A.COUNSELLING_SERVICES,
            "Erfurt",
            ("Opferberatung",),
            network=True,
        ),
        Org(
            "schiedsstelle",
            "Schiedsstelle Gerstungen",
            A.COUNSELLING_SERVICES,
            "Gerstungen",
            ("Nachbarschaft",),
            network=True,
        ),
        Org(
            "pfd",
            "Partnerschaft für Demokratie Wartburgkreis",
            A.COUNSELLING_SERVICES,
            "Bad Salzungen",
            ("Demokratie", "Förderung"),
            network=True,
        ),
        Org(
            "diakonie",
            "Diakonie Bad Salzungen – Migrationsberatung",
            A.COUNSELLING_SERVICES,
            "Bad Salzungen",
            ("Migration",),
            network=True,
        ),
        Org(
            "caritas",
            "Caritas Wartburgregion – Sozialberatung",
            A.COUNSELLING_SERVICES,
            "Eisenach",
            ("Sozialberatung",),
            network=True,
        ),
        Org(
            "stiftung",
            "Stiftung Demokratie im ländlichen Raum",
            A.OTHER,
            "Erfurt",
            ("Förderung", "Konfliktmanagement"),
            network=True,
            steering_group=True,
        ),
    ),
    people=(
        Person(
            "landraetin",
            "Ulrike",
            "Sommerfeld",
            A.ADMINISTRATION,
            "Landrätin",
            "lra",
            ("Kreisentwicklung",),
        ),
        Person(
            "dezernent",
            "Bernd",
            "Hofmann",
            A.ADMINISTRATION,
            "Dezernent Soziales",
            "lra",
            ("Soziales",),
            steering_group=True,
        ),
        Person(
            "jugendamt_leitung",
            "Claudia",
            "Reinhardt",
            A.ADMINISTRATION,
            "Leiterin Jugendamt",
            "jugendamt",
            ("Jugend",),
        ),
        Person(
            "integration",
            "Samir",
            "Haddad",
            A.ADMINISTRATION,
            "Integrationsmanager",
            "migration",
            ("Migration",),
        ),
        Person(
            "ordnung",
            "Thomas",
            "Kühn",
            A.ADMINISTRATION,
            "Sachgebietsleiter Ordnung",
            "ordnungsamt",
            ("Versammlungen",),
        ),
        Person(
            "bm_bas", "Klaus", "Bohn", A.POLITICS, "Bürgermeister", "sv_bas", ("Stadtentwicklung",)
        ),
        Person(
            "bm_gerstungen",
            "Daniela",
            "Ritter",
            A.POLITICS,
            "Bürgermeisterin",
            "gv_gerstungen",
            ("Windkraft", "Haushalt"),
        ),
        Person(
            "bm_vacha",
            "Martin",
            "Vogt",
            A.POLITICS,
            "Bürgermeister",
            "sv_vacha",
            ("Schulstandort",),
        ),
        Person("bm_treffurt", "Heike", "Stein", A.POLITICS, "Bürgermeisterin", "sv_treffurt"),
        Person(
            "gr1",
            "Ralf",
            "Gerlach",
            A.POLITICS,
            "Fraktionsvorsitzender",
            "gr_gerstungen",
            ("Windkraft",),
        ),
        Person(
            "gr2", "Sabine", "Lang", A.POLITICS, "Gemeinderätin", "gr_gerstungen", ("Haushalt",)
        ),
        Person("kt1", "Holger", "Wendt", A.POLITICS, "Kreistagsmitglied", "kreistag"),
        Person(
            "otr_t",
            "Monika",
            "Fischer",
            A.POLITICS,
            "Ortsteilbürgermeisterin",
            "otr_tiefenort",
            ("Freibad",),
        ),
        Person(
            "otr_m",
            "Andreas",
            "Kaiser",
            A.POLITICS,
            "Ortsteilbürgermeister",
            "otr_marksuhl",
            ("Dorffest",),
        ),
        Person(
            "polizei_leiter",
            "Jens",
            "Köhler",
            A.POLICE,
            "Leiter Polizeiinspektion",
            "pi_bas",
            ("Versammlungen",),
            steering_group=True,
        ),
        Person(
            "kob",
            "Peter",
            "Schmied",
            A.POLICE,
            "Kontaktbereichsbeamter Gerstungen",
            "pi_bas",
            ("Prävention",),
        ),
        Person(
            "praevention",
            "Nadine",
            "Brückner",
            A.POLICE,
            "Präventionsbeauftragte",
            "lpi_praevention",
            ("Extremismus",),
        ),
        Person(
            "schulleiterin",
            "Karin",
            "Walther",
            A.EDUCATION,
            "Schulleiterin",
            "rs_gerstungen",
            ("Schule",),
        ),
        Person(
            "schulsozial",
            "Tobias",
            "Ebert",
            A.EDUCATION,
            "Schulsozialarbeiter",
            "rs_gerstungen",
            ("Jugend",),
        ),
        Person(
            "gs_leitung",
            "Birgit",
            "Koch",
            A.EDUCATION,
            "Schulleiterin",
            "gs_vacha",
            ("Schulstandort",),
        ),
        Person(
            "gym_lehrer",
            "Stefan",
            "Arnold",
            A.EDUCATION,
            "Lehrer, Demokratieprojekt",
            "gym_bas",
            ("Demokratiebildung",),
        ),
        Person("vhs_leitung", "Elke", "Franke", A.EDUCATION, "Leiterin", "vhs"),
        Person(
            "superintendent",
            "Matthias",
            "Liebetrau",
            A.RELIGIOUS_COMMUNITY,
            "Superintendent",
            "kirchenkreis",
            ("Seelsorge",),
            steering_group=True,
        ),
        Person(
            "pfarrerin",
            "Johanna",
            "Seidel",
            A.RELIGIOUS_COMMUNITY,
            "Pfarrerin",
            "kg_gerstungen",
            ("Flüchtlingshilfe",),
        ),
        Person(
            "pfarrer_vacha",
            "Georg",
            "Heinemann",
            A.RELIGIOUS_COMMUNITY,
            "Pfarrer",
            "pfarrei_vacha",
        ),
        Person(
            "kulturverein_vors",
            "Yusuf",
            "Al-Khatib",
            A.RELIGIOUS_COMMUNITY,
            "Vorsitzender",
            "kulturverein",
            ("Gebetsraum",),
        ),
        Person(
            "wehrfuehrer",
            "Uwe",
            "Hartung",
            A.ASSOCIATIONS,
            "Wehrführer",
            "ffw_gerstungen",
            ("Brandschutz",),
        ),
        Person(
            "jugendwart",
            "Florian",
            "Möller",
            A.ASSOCIATIONS,
            "Jugendfeuerwehrwart",
            "ffw_gerstungen",
            ("Jugendfeuerwehr",),
        ),
        Person(
            "ksb_gf",
            "Kerstin",
            "Pfeiffer",
            A.ASSOCIATIONS,
            "Geschäftsführerin",
            "ksb",
            ("Ehrenamt",),
        ),
        Person(
            "sv_vors",
            "Dirk",
            "Schäfer",
            A.ASSOCIATIONS,
            "Vorsitzender",
            "sv_werra",
            ("Sport",),
            private=True,
        ),
        Person(
            "heimat_vors",
            "Gudrun",
            "Böttcher",
            A.ASSOCIATIONS,
            "Vorsitzende",
            "heimatverein",
            ("Heimatfest",),
            private=True,
        ),
        Person(
            "kirmes_vors",
            "Marco",
            "Eckardt",
            A.ASSOCIATIONS,
            "Kirmesvater",
            "kirmes",
            ("Dorffest",),
            private=True,
        ),
        Person(
            "kjr_gf",
            "Lisa",
            "Neumann",
            A.ASSOCIATIONS,
            "Geschäftsführerin",
            "kjr",
            ("Jugendclubs",),
            steering_group=True,
        ),
        Person(
            "freibad_vors",
            "Wolfgang",
            "Zimmermann",
            A.ASSOCIATIONS,
            "Vorsitzender",
            "freibad",
            ("Freibad",),
            private=True,
        ),
        Person(
            "traeger_vors",
            "Dr. Ingrid",
            "Lehmann",
            A.ASSOCIATIONS,
            "Vorsitzende",
            "traeger",
            ("Konfliktmanagement",),
            steering_group=True,
        ),
        Person(
            "bi_sprecherin",
            "Katrin",
            "Wagner",
            A.CIVIL_SOCIETY,
            "Sprecherin",
            "bi_werratal",
            ("Windkraft",),
            private=True,
        ),
        Person(
            "bi_sprecher2",
            "Rainer",
            "Bauer",
            A.CIVIL_SOCIETY,
            "Sprecher",
            "bi_gegenwind",
            ("Windkraft",),
            private=True,
        ),
        Person(
            "buendnis_sprecherin",
            "Miriam",
            "Krause",
            A.CIVIL_SOCIETY,
            "Sprecherin",
            "buendnis",
            ("Demokratie",),
            steering_group=True,
            private=True,
        ),
        Person(
            "willkommen_koord",
            "Petra",
            "Schulz",
            A.CIVIL_SOCIETY,
            "Koordinatorin",
            "willkommen",
            ("Ehrenamt",),
            private=True,
        ),
        Person(
            "eltern_sprecher",
            "Christian",
            "Hahn",
            A.CIVIL_SOCIETY,
            "Elternsprecher",
            "eltern_vacha",
            ("Schulstandort",),
            private=True,
        ),
        Person(
            "anwohnerin",
            "Renate",
            "Friedrich",
            A.CIVIL_SOCIETY,
            "Anwohnerin Marktplatz",
            None,
            ("Lärm",),
            private=True,
        ),
        Person(
            "anwohner",
            "Horst",
            "Günther",
            A.CIVIL_SOCIETY,
            "Anwohner Am Sportplatz",
            None,
            ("Lärm", "Grundstück"),
            private=True,
        ),
        Person(
            "windpark_pl",
            "Sebastian",
            "Roth",
            A.BUSINESS,
            "Projektleiter",
            "windpark",
            ("Windkraft",),
        ),
        Person(
            "agrar_vorstand", "Frank", "Beck", A.BUSINESS, "Vorstand", "agrar", ("Landwirtschaft",)
        ),
        Person(
            "gewerbe_vors",
            "Anja",
            "Lorenz",
            A.BUSINESS,
            "Vorsitzende",
            "gewerbe_vacha",
            ("Innenstadt",),
        ),
        Person("wirt", "Michael", "Kraft", A.BUSINESS, "Wirt", "linde", private=True),
        Person(
            "redakteurin",
            "Julia",
            "Berger",
            A.MEDIA,
            "Lokalredakteurin",
            "rundschau",
            ("Lokalpolitik",),
        ),
        Person("radio_red", "Tim", "Scholz", A.MEDIA, "Redakteur", "radio"),
        Person(
            "mobit_berater",
            "Anne",
            "Weber",
            A.COUNSELLING_SERVICES,
            "Beraterin",
            "mobit",
            ("Rechtsextremismus",),
            steering_group=True,
        ),
        Person(
            "ezra_beraterin",
            "Sarah",
            "Hoffmann",
            A.COUNSELLING_SERVICES,
            "Beraterin",
            "ezra",
            ("Opferberatung",),
        ),
        Person(
            "schiedsperson",
            "Hans-Jürgen",
            "Meier",
            A.COUNSELLING_SERVICES,
            "Schiedsperson",
            "schiedsstelle",
            ("Nachbarschaft",),
        ),
        Person(
            "pfd_koord",
            "Laura",
            "Schneider",
            A.COUNSELLING_SERVICES,
            "Koordinatorin",
            "pfd",
            ("Förderung",),
        ),
        Person(
            "stiftung_ref",
            "Dr. Carsten",
            "Wolf",
            A.OTHER,
            "Referent",
            "stiftung",
            ("Konfliktmanagement",),
            steering_group=True,
        ),
    ),
    ties=(
        Tie("bi_werratal", "windpark", R.CONFLICT, "Streit um Abstandsflächen am Dachsberg"),
        Tie("bi_gegenwind", "windpark", R.CONFLICT, "Klage gegen die Genehmigung angekündigt"),
        Tie("bi_werratal", "bi_gegenwind", R.COOPERATION, "Gemeinsame Unterschriftensammlung"),
        Tie("gr_gerstungen", "bi_werratal", R.TENSION, "Störungen in Gemeinderatssitzungen"),
        Tie("gv_gerstungen", "windpark", R.COOPERATION, "Städtebaulicher Vertrag"),
        Tie("windpark", "ffw_gerstungen", R.FUNDING, "Spende Einsatzfahrzeug", directed=True),
        Tie("agrar", "solarpark", R.COOPERATION, "Pachtvertrag Ackerflächen"),
        Tie("bi_werratal", "agrar", R.TENSION, "Solarflächen auf Ackerland"),
        Tie("eltern_vacha", "sr_vacha", R.CONFLICT, "Schließung der Grundschule"),
        Tie("eltern_vacha", "gs_vacha", R.COOPERATION),
        Tie("sv_vacha", "gs_vacha", R.TENSION, "Schulnetzplanung"),
        Tie("kulturverein", "willkommen", R.COOPERATION, "Sprachcafé"),
        Tie("kulturverein", "diakonie", R.COOPERATION),
        Tie("heimatverein", "buendnis", R.TENSION, "Umgang mit rechtsextremen Helfern"),
        Tie("kirmes", "linde", R.COOPERATION, "Kirmes im Saal der Linde"),
        Tie("otr_tiefenort", "freibad", R.COOPERATION, "Rettet das Freibad"),
        Tie("sv_bas", "freibad", R.TENSION, "Haushaltskonsolidierung"),
        Tie("ordnungsamt", "kjr", R.TENSION, "Beschwerden über den Jugendclub"),
        Tie("kjr", "jugendamt", R.FUNDING, "Förderung Jugendclubs", directed=True),
        Tie("pfd", "buendnis", R.FUNDING, "Aktionsfonds", directed=True),
        Tie("pfd", "kjr", R.FUNDING, "Jugendfonds", directed=True),
        Tie("stiftung", "traeger", R.FUNDING, "Modellprojekt Konfliktmanagement", directed=True),
        Tie("stiftung", "lra", R.COOPERATION, "Kooperationsvereinbarung"),
        Tie("traeger", "lra", R.COOPERATION),
        Tie("mobit", "buendnis", R.COOPERATION),
        Tie("mobit", "traeger", R.COOPERATION, "Fallberatung"),
        Tie("ezra", "mobit", R.COOPERATION),
        Tie("pi_bas", "ordnungsamt", R.COOPERATION, "Versammlungsbehörde"),
        Tie("lpi_praevention", "rs_gerstungen", R.COOPERATION, "Präventionstag"),
        Tie("kirchenkreis", "willkommen", R.COOPERATION, "Kirchenasyl-Beratung"),
        Tie("kirchenkreis", "buendnis", R.COOPERATION),
        Tie("rundschau", "gr_gerstungen", R.TENSION, "Berichterstattung über Ratssitzungen"),
        Tie("gewerbe_vacha", "sv_vacha", R.COOPERATION, "Innenstadtmarketing"),
        Tie("bm_gerstungen", "gr1", R.CONFLICT, "Haushaltsstreit"),
        Tie("bm_gerstungen", "bi_sprecherin", R.TENSION),
        Tie("bi_sprecherin", "windpark_pl", R.CONFLICT),
        Tie("gr1", "bi_sprecherin", R.COOPERATION, "Gemeinsame Anträge im Gemeinderat"),
        Tie("heimat_vors", "buendnis_sprecherin", R.TENSION),
        Tie("anwohnerin", "kjr_gf", R.CONFLICT, "Lärm am Jugendclub"),
        Tie("anwohner", "sv_vors", R.CONFLICT, "Grundstücksgrenze am Sportplatz"),
        Tie("anwohner", "schiedsperson", R.OTHER, "Schlichtungsverfahren"),
        Tie("pfarrerin", "wehrfuehrer", R.FAMILY, "Geschwister"),
        Tie("gr2", "gewerbe_vors", R.FAMILY, "Ehepaar"),
        Tie("otr_t", "freibad_vors", R.COOPERATION),
        Tie("mobit_berater", "buendnis_sprecherin", R.COOPERATION),
        Tie("polizei_leiter", "bm_bas", R.COOPERATION),
        Tie("kob", "bm_gerstungen", R.COOPERATION),
        Tie("redakteurin", "bm_gerstungen", R.TENSION, "Kritische Berichterstattung"),
        Tie("kulturverein_vors", "integration", R.COOPERATION),
        Tie("superintendent", "landraetin", R.COOPERATION),
        Tie("kirmes_vors", "otr_m", R.COOPERATION),
        Tie("eltern_sprecher", "bm_vacha", R.CONFLICT),
        Tie("gs_leitung", "eltern_sprecher", R.COOPERATION),
    ),
)

UH = Network(
    postcodes={
        "Mühlhausen": "99974",
        "Bad Langensalza": "99947",
        "Schlotheim": "99994",
        "Großengottern": "99991",
        "Herbsleben": "99955",
        "Körner": "99998",
        "Erfurt": "99084",
    },
    area_code="3601",
    orgs=(
        Org(
            "lra",
            "Landratsamt Unstrut-Hainich-Kreis",
            A.ADMINISTRATION,
            "Mühlhausen",
            ("Verwaltung",),
            network=True,
            steering_group=True,
        ),
        Org(
            "sv_mhl",
            "Stadtverwaltung Mühlhausen",
            A.ADMINISTRATION,
            "Mühlhausen",
            ("Innenstadt",),
            network=True,
        ),
        Org(
            "sv_bl",
            "Stadtverwaltung Bad Langensalza",
            A.ADMINISTRATION,
            "Bad Langensalza",
            network=True,
        ),
        Org(
            "or_grossengottern",
            "Ortschaftsrat Großengottern",
            A.POLITICS,
            "Großengottern",
            ("Dorfentwicklung",),
        ),
        Org("sr_schlotheim", "Stadtrat Schlotheim", A.POLITICS, "Schlotheim"),
        Org(
            "pi_uh",
            "Polizeiinspektion Unstrut-Hainich",
            A.POLICE,
            "Mühlhausen",
            ("Versammlungen",),
            network=True,
            steering_group=True,
        ),
        Org(
            "rs_schlotheim",
            "Staatliche Regelschule Schlotheim",
            A.EDUCATION,
            "Schlotheim",
            ("Schule",),
            network=True,
        ),
        Org(
            "kirchenkreis",
            "Evangelischer Kirchenkreis Mühlhausen",
            A.RELIGIOUS_COMMUNITY,
            "Mühlhausen",
            ("Seelsorge",),
            network=True,
            steering_group=True,
        ),
        Org(
            "ffw_herbsleben",
            "Freiwillige Feuerwehr Herbsleben",
            A.ASSOCIATIONS,
            "Herbsleben",
            ("Brandschutz",),
        ),
        Org(
            "kjr",
            "Kreisjugendring Unstrut-Hainich e.V.",
            A.ASSOCIATIONS,
            "Mühlhausen",
            ("Jugend",),
            network=True,
        ),
        Org(
            "bi_hainich",
            "Bürgerinitiative Windkraft mit Maß Hainich",
            A.CIVIL_SOCIETY,
            "Körner",
            ("Windkraft",),
        ),
        Org(
            "buendnis",
            "Mühlhäuser Bündnis gegen Rechts",
            A.CIVIL_SOCIETY,
            "Mühlhausen",
            ("Demokratie",),
            network=True,
            steering_group=True,
        ),
        Org(
            "energie",
            "Energiegenossenschaft Unstrut eG",
            A.BUSINESS,
            "Bad Langensalza",
            ("Windkraft",),
        ),
        Org("zeitung", "Unstrut-Hainich-Anzeiger", A.MEDIA, "Mühlhausen", ("Lokalpolitik",)),
        Org(
            "mobit",
            "Mobile Beratung in Thüringen (MOBIT)",
            A.COUNSELLING_SERVICES,
            "Erfurt",
            ("Rechtsextremismus",),
            network=True,
        ),
        Org(
            "pfd",
            "Partnerschaft für Demokratie Unstrut-Hainich",
            A.COUNSELLING_SERVICES,
            "Mühlhausen",
            ("Förderung",),
            network=True,
        ),
    ),
    people=(
        Person("landrat", "Henning", "Schröter", A.ADMINISTRATION, "Landrat", "lra"),
        Person("bm_mhl", "Cornelia", "Arndt", A.POLITICS, "Oberbürgermeisterin", "sv_mhl"),
        Person(
            "ov_grossengottern",
            "Reinhard",
            "Ullrich",
            A.POLITICS,
            "Ortsvorsteher",
            "or_grossengottern",
            ("Dorfentwicklung",),
        ),
        Person(
            "polizei",
            "Mario",
            "Hesse",
            A.POLICE,
            "Leiter Polizeiinspektion",
            "pi_uh",
            steering_group=True,
        ),
        Person("schulleiter", "Jana", "Kirchner", A.EDUCATION, "Schulleiterin", "rs_schlotheim"),
        Person("pfarrer", "Tobias", "Engel", A.RELIGIOUS_COMMUNITY, "Pfarrer", "kirchenkreis"),
        Person(
            "wehrleiter",
            "Enrico",
            "Zeh",
            A.ASSOCIATIONS,
            "Wehrleiter",
            "ffw_herbsleben",
            private=True,
        ),
        Person(
            "kjr_ref",
            "Sophie",
            "Winkler",
            A.ASSOCIATIONS,
            "Jugendbildungsreferentin",
            "kjr",
            ("Jugend",),
        ),
        Person(
            "bi_sprecher",
            "Lutz",
            "Börner",
            A.CIVIL_SOCIETY,
            "Sprecher",
            "bi_hainich",
            ("Windkraft",),
            private=True,
        ),
        Person(
            "buendnis_sprecherin",
            "Franziska",
            "Thiele",
            A.CIVIL_SOCIETY,
            "Sprecherin",
            "buendnis",
            steering_group=True,
            private=True,
        ),
        Person("energie_vorstand", "Olaf", "Reuter", A.BUSINESS, "Vorstand", "energie"),
        Person("redakteur", "Paul", "Schuster", A.MEDIA, "Redakteur", "zeitung"),
        Person("mobit_berater", "Kai", "Lindner", A.COUNSELLING_SERVICES, "Berater", "mobit"),
    ),
    ties=(
        Tie("bi_hainich", "energie", R.CONFLICT, "Windräder am Hainichrand"),
        Tie("or_grossengottern", "bi_hainich", R.COOPERATION),
        Tie("buendnis", "mobit", R.COOPERATION),
        Tie("pfd", "buendnis", R.FUNDING, "Aktionsfonds", directed=True),
        Tie("pfd", "kjr", R.FUNDING, directed=True),
        Tie("zeitung", "sr_schlotheim", R.TENSION),
        Tie("bi_sprecher", "energie_vorstand", R.CONFLICT),
        Tie("ov_grossengottern", "bm_mhl", R.TENSION, "Gebietsreform"),
        Tie("pfarrer", "buendnis_sprecherin", R.COOPERATION),
    ),
)

NETWORKS = {"wak": WAK, "uh": UH}


def _address(network: Network, town: str, rng: random.Random) -> str:
    street = rng.choice(
        ("Marktplatz", "Hauptstraße", "Bahnhofstraße", "Kirchgasse", "Lindenallee", "Schulstraße")
    )
    return f"{street} {rng.randint(1, 40)}, {network.postcodes[town]} {town}"


def _phone(network: Network, rng: random.Random) -> str:
    # A subscriber number never starts with 0: these reach nobody.
    return f"+49 {network.area_code} 0{rng.randint(10000, 99999)}"


def _mail_name(text: str) -> str:
    plain = (
        text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    )
    return "".join(ch for ch in plain if ch.isalnum())


def _contact(
    municipality: Municipality,
    kind: ContactKind,
    name: str,
    group: ActorGroup,
    topics: tuple[str, ...],
    steering_group: bool,
) -> Contact:
    return Contact(
        id=uuid.uuid4(),
        municipality_id=municipality.id,
        kind=kind,
        name=name,
        actor_group=group,
        steering_group_member=steering_group,
        topic_rows=[ContactTopic(topic=t, position=i) for i, t in enumerate(topics)],
    )


def _new_org(
    municipality: Municipality, network: Network, org: Org, rng: random.Random
) -> Contact:
    contact = _contact(
        municipality, ContactKind.ORGANISATION, org.name, org.group, org.topics, org.steering_group
    )
    contact.legal_basis = LegalBasis.PUBLICLY_AVAILABLE
    contact.address = _address(network, org.town, rng)
    contact.email = f"info@{_mail_name(org.key)}.example"
    contact.phone = _phone(network, rng)
    return contact


def _new_person(
    municipality: Municipality, network: Network, person: Person, rng: random.Random, today: date
) -> Contact:
    name = f"{person.given} {person.family}"
    contact = _contact(
        municipality, ContactKind.PERSON, name, person.group, person.topics, person.steering_group
    )
    contact.given_name, contact.family_name = person.given, person.family
    contact.position = person.position
    mailbox = f"{_mail_name(person.given.split()[-1])}.{_mail_name(person.family)}"
    contact.email = f"{mailbox}@example.org"
    if person.private:
        contact.legal_basis = LegalBasis.CONSENT
        contact.consent_date = today - timedelta(days=rng.randint(20, 400))
        contact.phone = _phone(network, rng)
        contact.notes = "Einwilligung schriftlich erteilt; Kontakt nur zu Konfliktthemen."
    else:
        contact.legal_basis = LegalBasis.PUBLIC_TASK
    return contact


async def _ensure_contacts(
    session: AsyncSession, municipality: Municipality, network: Network
) -> dict[str, Contact]:
    rng = random.Random(f"kokoma-demo-contacts-{municipality.slug}")
    existing = {
        c.name: c
        for c in await session.scalars(
            select(Contact).where(Contact.municipality_id == municipality.id)
        )
    }
    today = local_today()
    by_key: dict[str, Contact] = {}
    for org in network.orgs:
        by_key[org.key] = existing.get(org.name) or _new_org(municipality, network, org, rng)
    for person in network.people:
        name = f"{person.given} {person.family}"
        by_key[person.key] = existing.get(name) or _new_person(
            municipality, network, person, rng, today
        )
    specs: list[Org | Person] = [*network.orgs, *network.people]
    for spec in specs:
        contact = by_key[spec.key]
        if contact.name in existing:
            continue
        parent = _parent(spec)
        contact.organisation_id = by_key[parent].id if parent else None
        contact.sort_name = sort_key(contact)
        session.add(contact)
    await session.flush()
    return by_key


def _parent(spec: Org | Person) -> str | None:
    return spec.parent if isinstance(spec, Org) else spec.org


def _ties(network: Network, slug: str) -> list[Tie]:
    """The named ties, each membership, and cooperation within the network."""
    ties = list(network.ties)
    specs: list[Org | Person] = [*network.orgs, *network.people]
    for spec in specs:
        parent = _parent(spec)
        if parent:
            ties.append(Tie(spec.key, parent, R.MEMBERSHIP, directed=True))
    rng = random.Random(f"kokoma-demo-ties-{slug}")
    named = {frozenset((t.source, t.target)) for t in ties}
    allies = [o.key for o in network.orgs if o.network]
    candidates = [pair for pair in combinations(allies, 2) if frozenset(pair) not in named]
    for source, target in rng.sample(candidates, k=min(EXTRA_TIES[slug], len(candidates))):
        ties.append(Tie(source, target, R.COOPERATION))
    return ties


async def _ensure_relations(
    session: AsyncSession,
    municipality: Municipality,
    network: Network,
    contacts: dict[str, Contact],
) -> None:
    existing = set(
        (
            await session.execute(
                select(
                    ContactRelation.source_id,
                    ContactRelation.target_id,
                    ContactRelation.relation_type,
                ).where(ContactRelation.municipality_id == municipality.id)
            )
        ).tuples()
    )
    for tie in _ties(network, municipality.slug):
        ends = (contacts[tie.source].id, contacts[tie.target].id)
        if (*ends, tie.type) in existing or (ends[1], ends[0], tie.type) in existing:
            continue
        existing.add((*ends, tie.type))
        session.add(
            ContactRelation(
                municipality_id=municipality.id,
                source_id=ends[0],
                target_id=ends[1],
                relation_type=tie.type,
                directed=tie.directed,
                note=tie.note,
            )
        )


async def load_contacts(session: AsyncSession) -> None:
    """Add the demo network's missing contacts and relations; the caller commits."""
    municipalities = await session.scalars(
        select(Municipality).where(Municipality.slug.in_(NETWORKS)).order_by(Municipality.slug)
    )
    for municipality in municipalities:
        network = NETWORKS[municipality.slug]
        contacts = await _ensure_contacts(session, municipality, network)
        await _ensure_relations(session, municipality, network, contacts)
    await session.flush()
