"""The register of erased participants (DSGVO Art. 17).

Erasing a participant deletes everything that belongs to them (webapp.privacy.personal_data finds it
in the schema). What remains is this row: no name, no profile, and not the key under which
the anonymous events were counted – only the person's ``erasure_key``, a random key that
appears nowhere else, so the register ties no statistics to anyone. It serves three
purposes:

* every worker's matching index drops the person (``index_seq``, as for
  participants and openings);
* a restore from an older backup erases the person again (see webapp.backup);
* it shows that and when an erasure happened (who did it is in the audit log).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow
from models.enums import ERASURE_REASONS, check_in


class Erasure(Base):
    __tablename__ = "erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The id the participant had (every worker drops it from its index); no foreign key, the row is gone.
    participant_id: Mapped[int] = mapped_column(Integer, index=True)
    # The participant's erasure_key: a restore from an older backup finds the person by it.
    register_key: Mapped[str] = mapped_column(String(32), unique=True)
    centre_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(10))
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    index_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)

    __table_args__ = (CheckConstraint(check_in("reason", ERASURE_REASONS), name="reason"),)
