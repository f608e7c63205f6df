"""The change counter that keeps every worker's matching index current.

Each change to a participant or an opening takes the next number of this
counter and stores it in the row's ``index_seq``. A worker remembers the
highest number it has seen and, before ranking, reads only the rows with a
higher one (see webapp.suggestions.index).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class MatchingState(Base):
    __tablename__ = "matching_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
