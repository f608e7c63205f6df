"""Account operations shared by the admin and the counsellors' pages. Operations add and flush; the view commits."""

from __future__ import annotations

import secrets

from flask_login import current_user

from models import Employer, User
from webapp.auth import tokens
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.mail import queue_mail
from webapp.core.passwords import hash_password


def invite_company(employer: Employer, email: str, contact: str) -> User:
    """Create the company's account and put the invitation (a single-use link) in the outbox."""
    employer.email = email
    db.session.add(employer)
    db.session.flush()
    user = User(
        email=email,
        name=contact.strip(),
        role="employer",
        employer_id=employer.id,
        password_hash=hash_password(secrets.token_urlsafe(32)),  # unusable until the link is used
    )
    db.session.add(user)
    db.session.flush()
    token = tokens.issue(user, "invite")
    queue_mail(user.email, _l("Einladung zu KMU-Match"), "invite", token=token, company=employer.name, inviter=current_user.name)
    audit("employer.invite", "employer", employer.id)
    return user


def remind_existing_account(user: User, company: str) -> None:
    """An invitation for an address that has an account already: the account gets a note how to log in (or reset
    the password), nothing is created, and whoever invited learns nothing they could not see anyway."""
    queue_mail(user.email, _l("Sie haben schon einen Zugang zu KMU-Match"), "invite_existing", company=company, inviter=current_user.name)
    audit("employer.invite_existing", "user", user.id)
