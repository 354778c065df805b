"""Base classes for request and response bodies."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Generic, TypeVar, cast

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from kokoma.core.pagination import MAX_LIMIT

T = TypeVar("T")


def _no_control_characters(value: str) -> str:
    # PostgreSQL refuses NUL in text; refuse every C0 control but tab and newlines
    # so both databases answer the same 422.
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise ValueError("must not contain control characters")
    return value


def _trimmed(min_length: int) -> Any:
    def trim(value: str) -> str:
        value = value.strip()
        if len(value) < min_length:  # blank is not enough where text is required
            raise PydanticCustomError(
                "string_too_short",
                "String should have at least {min_length} characters",
                {"min_length": min_length},
            )
        return value

    return AfterValidator(trim)


def Text(max_length: int, min_length: int = 0) -> type[str]:  # noqa: N802 - reads like a type
    """A bounded, trimmed string without control characters.

    The bounds hold for the text as sent, as the OpenAPI document states them;
    what is kept is trimmed and, with a minimum, not blank.
    """
    # At runtime an Annotated alias, which pydantic reads; typed as the str it validates.
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        _trimmed(min_length),
        AfterValidator(_no_control_characters),
    ]


Name = Text(200, 1)
ShortText = Text(200)
LongText = Text(20_000)


def _written_as(pattern: str, example: str) -> Any:
    """Accept text in exactly this form (or the Python value itself).

    Pydantic would also read a number as a Unix timestamp or as seconds since
    midnight; the API promises ISO 8601 text and refuses everything else.
    """
    form = re.compile(pattern)

    def check(value: Any) -> Any:
        # ValueError, not TypeError: only the former becomes a 422.
        if isinstance(value, int | float) or (
            isinstance(value, str) and not form.fullmatch(value)
        ):
            raise ValueError(f"must be written like {example}")
        return value

    return BeforeValidator(check)


DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
TIME_PATTERN = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
IsoDate = Annotated[date, _written_as(DATE_PATTERN, "2026-03-12")]
IsoDateTime = Annotated[
    AwareDatetime,
    _written_as(
        DATE_PATTERN + r"[T ]" + TIME_PATTERN + r"(Z|[+-]\d{2}:?\d{2})",
        "2026-03-12T15:00:00+01:00",
    ),
]
# A time of day on the local clock, "09:00" or "16:30:00", without a UTC offset.
# JSON Schema's `time` format demands one, so the pattern describes it instead.
LocalTime = Annotated[
    time,
    _written_as(TIME_PATTERN, "09:00"),
    WithJsonSchema({"type": "string", "pattern": f"^{TIME_PATTERN}$", "examples": ["09:00"]}),
]
# Dates far in the past or future are typing errors, not plans; bounded, a day also
# stays a valid timestamp in every time zone (year 1 or 9999 would overflow).
SaneDate = Annotated[IsoDate, Field(ge=date(2000, 1, 1), le=date(2100, 12, 31))]
# Timestamps in filters: with a time zone (a naive one cannot be placed in UTC), bounded alike.
SaneDateTime = Annotated[
    IsoDateTime,
    Field(
        ge=datetime(2000, 1, 1, tzinfo=UTC),
        le=datetime(2101, 1, 1, tzinfo=UTC),
    ),
]
# Database integers are 64-bit at most; larger numbers must be 422, not a driver error.
SafeInt = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]


def keep_if_absent(description: str, **kwargs: Any) -> Any:
    """A PATCH field for a required column: left out, it stays; ``null`` is a 422.

    Annotate the field with its type without ``| None``: the default is not
    validated, so leaving the field out is fine, while a null sent explicitly must
    pass the type and fails there instead of at the database.
    """
    return Field(default=None, description=description, **kwargs)


def with_examples(*examples: dict[str, Any]) -> ConfigDict:
    """``model_config`` that documents ``examples`` in the OpenAPI document."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


def example_of(model: type[BaseModel]) -> dict[str, Any]:
    """The first documented example of ``model``, for composing other examples."""
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict), f"{model.__name__} documents no example"
    examples = extra["examples"]
    assert isinstance(examples, list)
    return dict(cast(dict[str, Any], examples[0]))


class InputModel(BaseModel):
    """Request bodies: unknown fields refused, strings bounded by their field types."""

    model_config = ConfigDict(extra="forbid", str_max_length=20_000)


class PageQuery(InputModel):
    """Query parameters of a list: one page at a time.

    Every list endpoint takes one such model (``Annotated[XListQuery, Query()]``) with
    its filters and sort order next to these, and hands it to its service whole.
    """

    limit: int = Field(default=50, ge=1, le=MAX_LIMIT, description="Page size, at most 100.")
    cursor: str | None = Field(
        default=None, max_length=1000, description="`next_cursor` of the previous page."
    )

    def filters(self) -> dict[str, Any]:
        """The filters that narrow the list: every parameter besides page size, cursor and
        sort order that differs from its default (a filter added later counts at once)."""
        return self.model_dump(exclude=_NOT_FILTERS, exclude_defaults=True)


_NOT_FILTERS = {"limit", "cursor", "sort"}


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next one."""

    items: list[T] = Field(description="The records of this page, in the requested order.")
    next_cursor: str | None = Field(
        default=None, description="Opaque cursor for the next page; null on the last page."
    )
