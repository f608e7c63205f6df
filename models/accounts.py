"""Centres, employers (companies), user accounts and their login sessions."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.enums import QUARTERS, ROLES, SECTORS, check_in


class Centre(Base):
    """A Perspektivhaus: the neighbourhood centre a counsellor works in."""

    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    partner: Mapped[str] = mapped_column(String(120))
    quarter: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    opening_hours: Mapped[str] = mapped_column(String(300), default="", server_default="")  # as people read it, on /stellen

    __table_args__ = (CheckConstraint(check_in("quarter", QUARTERS), name="quarter"),)

    def __repr__(self) -> str:
        return f"<Centre {self.slug}>"


class Employer(Base):
    """A company (KMU) that posts openings."""

    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    sector: Mapped[str] = mapped_column(String(20))
    street: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(5))
    quarter: Mapped[str] = mapped_column(String(20))
    contact_name: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="employer")

    __table_args__ = (
        CheckConstraint(check_in("sector", SECTORS), name="sector"),
        CheckConstraint(check_in("quarter", QUARTERS), name="quarter"),
    )

    def __repr__(self) -> str:
        return f"<Employer {self.id}>"


class User(Base):
    """A person who logs in: an admin, a counsellor of a centre, or an employer."""

    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    # A counsellor's work phone: shown to the companies their participants are introduced to.
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"), index=True)
    # Set by the demo data, cleared when the password is changed: production
    # refuses to start while any account still has a published demo password.
    demo_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Optional second factor (TOTP, RFC 6238) for counsellors and admins. The
    # pending secret is the one being set up until a first code confirms it;
    # the last accepted time step refuses a code used twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    centre: Mapped[Centre | None] = relationship()
    employer: Mapped[Employer | None] = relationship(back_populates="users")

    __table_args__ = (
        CheckConstraint(check_in("role", ROLES), name="role"),
        CheckConstraint(
            "role != 'counsellor' OR (centre_id IS NOT NULL AND employer_id IS NULL)",
            name="counsellor_has_centre",
        ),
        CheckConstraint(
            "role != 'employer' OR (employer_id IS NOT NULL AND centre_id IS NULL)",
            name="employer_has_company",
        ),
        CheckConstraint(
            "role != 'admin' OR (employer_id IS NULL AND centre_id IS NULL)",
            name="admin_unlinked",
        ),
    )

    # Flask-Login protocol. The id handed to Flask-Login is the token of the
    # login session, not the user id, so that ending a session refuses a
    # replayed cookie (see webapp.auth.sessions).
    login_token: ClassVar[str | None] = None  # set per instance at login / load

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        if not self.login_token:
            raise RuntimeError("user has no login session")
        return self.login_token

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class LoginSession(Base):
    """One login on one device. Only a hash of its token is stored."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(30))

    user: Mapped[User] = relationship()


class OutboxMail(Base):
    """A mail the application wants to send; written in the same transaction as its cause.

    ``flask --app wsgi send-mail`` delivers pending mails through SMTP; without an
    SMTP server (development) they stay here and admins read them in the app.
    Mails never carry a participant's name or contact, only a link to log in.
    """

    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(300))


class AccountToken(Base):
    """A one-time link to set a password (invitation or reset). Only a hash of the token is stored."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("purpose IN ('invite', 'reset')", name="purpose"),)


class ApiToken(Base):
    """A personal token for the JSON API (``Authorization: Bearer …``): made on the account page, shown once,
    stored as a hash; it acts for its user with that user's rights, limited to reading unless its scope is
    ``write``, until it expires (at most a year) or is revoked. Tokens never open pages; pages' cookies never
    open the API."""

    __tablename__ = "api_token"
    SCOPES: ClassVar[tuple[str, ...]] = ("read", "write")
    MAX_DAYS: ClassVar[int] = 365

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(12))  # the token's first characters, to tell tokens apart on the page
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    form_nonce: Mapped[str | None] = mapped_column(String(32))  # the form it was made by: a resent form makes no second

    user: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("scope IN ('read', 'write')", name="scope"), UniqueConstraint("user_id", "form_nonce"))

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class ApiRequestKey(Base):
    """A changing API request sent with an ``Idempotency-Key``: the answer it got, given again to a retry with the
    same key (kept a day), so that a retried request never acts twice."""

    __tablename__ = "api_request_key"
    KEPT_HOURS: ClassVar[int] = 24

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))  # method, path and body: the same key with another request is refused
    status: Mapped[int]
    body: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    __table_args__ = (UniqueConstraint("user_id", "key"),)


class AccessRequest(Base):
    """A company asking for access with the short public form; an admin approves or declines."""

    __tablename__ = "access_request"
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {"pending": ("approved", "declined"), "approved": (), "declined": ()}

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    name: Mapped[str] = mapped_column(String(160))
    sector: Mapped[str] = mapped_column(String(20))
    street: Mapped[str] = mapped_column(String(160), default="")
    postcode: Mapped[str] = mapped_column(String(5))
    contact_name: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(check_in("sector", SECTORS), name="sector"),
        CheckConstraint("status IN ('pending', 'approved', 'declined')", name="status"),
    )
