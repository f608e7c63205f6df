"""What admins do to accounts, as rules (the views call these)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select, update

from models import AccessRequest, Centre, Employer, Participant, User, transitions, utcnow
from models.enums import postcode_quarter
from webapp.auth.operations import invite_company
from webapp.core.audit import audit
from webapp.core.db import changed, db
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.mail import queue_mail

# The rights of a participant the project lead may receive a request for; only the person's house answers them.
PERSON_REQUESTS = {
    "access": _l("Auskunft (Art. 15)"),
    "rectification": _l("Berichtigung (Art. 16)"),
    "erasure": _l("Löschung (Art. 17)"),
    "objection": _l("Widerspruch oder Widerruf der Einwilligung (Art. 21, Art. 7)"),
}


class NoSuchCode(ValueError):
    """A code that names no profile."""


def forward_person_request(admin: User, kind: str, received_on: date, code: str = "", centre_id: int | None = None) -> tuple[Centre, int]:
    """A participant's data-protection request that reached the project lead goes to the person's house, which
    alone holds the profile (issue 25.15): every active counsellor there gets a mail with the kind of request,
    the code (if the person gave one), the day it came in and the answer's deadline (one month, Art. 12(3)).
    No name goes into the mail or the database; the forwarding is audited. Returns the house and how many were told."""
    centre = None
    if code:
        found = db.session.execute(select(Participant.id, Participant.centre_id).where(Participant.pseudonym == code.upper())).first()
        if found is None:
            raise NoSuchCode(code)
        centre = db.session.get(Centre, found.centre_id)
    elif centre_id is not None:
        centre = db.session.get(Centre, centre_id)
    if centre is None:
        raise ValueError("a code or a house is needed")
    counsellors = db.session.scalars(select(User).where(User.role == "counsellor", User.centre_id == centre.id, User.active.is_(True))).all()
    for counsellor in counsellors:
        queue_mail(
            counsellor.email,
            _l("Datenschutz-Anfrage an die Projektleitung: bitte beantworten"),
            "person_request",
            request=PERSON_REQUESTS[kind],
            code=code.upper(),
            received_on=received_on,
            answer_by=received_on + timedelta(days=30),
            centre=centre,
            admin=admin,
        )
    audit("privacy_request.forwarded", "centre", centre.id)
    return centre, len(counsellors)


def hand_over(user: User, old_centre_id: int | None, successor_id: int | None) -> int:
    """A counsellor leaves a house (moved to the other one, or no longer a counsellor): their people there go to
    ``successor_id`` (a counsellor of that house) or to nobody, so the house assigns them. Returns how many.

    Mails and the company's "whom to call" follow only counsellors who may see the person, so nobody of the
    other house hears of these people again."""
    if old_centre_id is None:
        return 0
    if successor_id is not None:
        successor = db.session.get(User, successor_id)
        if successor is None or successor.role != "counsellor" or successor.centre_id != old_centre_id or not successor.active or successor.id == user.id:
            raise ValueError("the successor must be an active counsellor of the same house")
    moved = changed(
        db.session,
        update(Participant)
        .where(Participant.counsellor_id == user.id, Participant.centre_id == old_centre_id)
        .values(counsellor_id=successor_id)
        .execution_options(synchronize_session=False),
    )
    if moved:
        audit("user.hand_over", "user", user.id)
    return moved


class AccessRequestRefused(Exception):
    """Why an access request cannot be decided as asked (``message``: for the page)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def decide_access_request(row: AccessRequest, approve: bool, admin: User) -> None:
    """Approve (the business is made and invited) or decline a pending request, exactly once: the status moves by
    a conditional UPDATE first, so of two admins deciding at the same moment only one gets through."""
    if not transitions.move(db.session, row, "approved" if approve else "declined", decided_by_id=admin.id, decided_at=utcnow()):
        raise AccessRequestRefused(_l("Über diese Anfrage wurde schon entschieden."))
    if approve and db.session.scalar(select(User.id).where(func.lower(User.email) == row.email.lower())):
        raise AccessRequestRefused(_l("Diese E-Mail-Adresse hat schon einen Zugang."))  # the caller rolls the move back
    if approve:
        employer = Employer(name=row.name, sector=row.sector, street=row.street, postcode=row.postcode, contact_name=row.contact_name, phone=row.phone)
        employer.quarter = postcode_quarter(row.postcode)
        invite_company(employer, row.email, row.contact_name or row.name)
    audit(f"access_request.{'approve' if approve else 'decline'}", "access_request", row.id)
