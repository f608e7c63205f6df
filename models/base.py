"""Declarative base with a constraint naming convention.

The naming convention makes Alembic migrations deterministic on SQLite and
PostgreSQL alike (batch mode on SQLite needs named constraints to drop them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The project's clock: months of the statistics, dates on pages and in exports.
LOCAL_TIMEZONE = "Europe/Berlin"


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (used as a callable column default)."""
    return datetime.now(UTC)


def local_month(moment: datetime) -> int:
    """The month ``moment`` falls in, in Hagen's local time, as ``yyyymm`` (2026-10-31 23:30 UTC is 202611)."""
    local = moment.astimezone(ZoneInfo(LOCAL_TIMEZONE))
    return local.year * 100 + local.month


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite has no time zones; without this, values read back from SQLite would
    be naive while PostgreSQL returns aware ones, and comparisons would differ.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC values")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}
