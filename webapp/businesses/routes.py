"""The business workspace's pages: list, a business with its history, contacts, needs, settings."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from models import Business, BusinessActivity, BusinessContactPerson, BusinessNeed, Centre, User
from models.enums import BUSINESS_STAGES, QUARTERS
from webapp.businesses import imports, progress
from webapp.businesses import operations as ops
from webapp.businesses.forms import (
    AccountForm,
    BusinessForm,
    ConsentForm,
    ContactForm,
    ContactPersonForm,
    DraftForm,
    HandOverForm,
    ReassignForm,
    RetentionForm,
    StageForm,
)
from webapp.core import params
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.forms import ButtonForm
from webapp.core.i18n import gettext as _
from webapp.core.i18n import ngettext
from webapp.core.pagination import paginate
from webapp.core.permissions import admin_only, staff_only
from webapp.core.tables import drop_upload, load_upload, receive_upload

bp = Blueprint("businesses", __name__, url_prefix="/betriebe", template_folder="templates")


def _business(business_id: int) -> Business:
    business = db.session.get(Business, business_id)
    if business is None or not Business.visible_to(current_user):
        abort(404)
    return business


def _row(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def _centre_choices(form: BusinessForm) -> None:
    form.centre_id.choices = [(c.id, c.name) for c in db.session.scalars(select(Centre).order_by(Centre.name))]


def _owner_choices(field) -> None:
    field.choices = [(u.id, u.name) for u in ops.staff_members(db.session)]


@bp.route("/")
@staff_only
def index():
    """Every business of both quarters; filters by stage, quarter and house, and a search by name."""
    stage = params.choice("stand", BUSINESS_STAGES)
    quarter = params.choice("stadtteil", QUARTERS)
    centre_id = params.integer("haus")
    query = params.text("q", 80)
    statement = select(Business).options(selectinload(Business.centre))
    if stage:
        statement = statement.where(Business.stage == stage)
    if quarter:
        statement = statement.where(Business.quarter == quarter)
    if centre_id:
        statement = statement.where(Business.centre_id == centre_id)
    if query:
        wanted = query.lower()
        statement = statement.where(
            or_(func.lower(Business.name).contains(wanted, autoescape=True), func.lower(Business.street).contains(wanted, autoescape=True))
        )
    page = paginate(db.session, statement.order_by(Business.name, Business.id))
    counts = dict(db.session.execute(select(Business.stage, func.count()).group_by(Business.stage)).tuples().all())
    hand_over = HandOverForm()
    _owner_choices(hand_over.source)
    _owner_choices(hand_over.owner)
    return render_template(
        "businesses/index.html",
        page=page,
        counts=counts,
        stage=stage,
        quarter=quarter,
        centre_id=centre_id,
        query=query or "",
        centres=db.session.scalars(select(Centre).order_by(Centre.name)).all(),
        steps=ops.due_steps(db.session, current_user.id, date.today()),
        hand_over=hand_over,
        button=ButtonForm(),
        today=date.today(),
    )


@bp.route("/neu", methods=["GET", "POST"])
@staff_only
def new():
    form = BusinessForm()
    _centre_choices(form)
    if request.method == "GET" and current_user.centre_id:
        form.centre_id.data = current_user.centre_id
    if form.validate_on_submit():
        business = progress.create_business(form.values())
        db.session.commit()
        flash(_("Der Betrieb ist angelegt. Halten Sie jetzt den ersten Kontakt fest."), "success")
        return redirect(url_for("businesses.detail", business_id=business.id))
    return render_template("businesses/form.html", form=form, business=None)


@bp.route("/<int:business_id>")
@staff_only
def detail(business_id: int):
    business = _business(business_id)
    audit("business.view", "business", business.id)
    db.session.commit()
    return _detail_page(business.id, ContactPersonForm())


def _detail_page(business_id: int, person_form: ContactPersonForm):
    """A business with its whole history, read in one go (its contacts with who did them, its needs' openings)."""
    business = db.session.scalar(
        select(Business)
        .where(Business.id == business_id)
        .options(
            selectinload(Business.activities).selectinload(BusinessActivity.by),
            selectinload(Business.activities).selectinload(BusinessActivity.next_owner),
            selectinload(Business.needs).selectinload(BusinessNeed.opening),
            selectinload(Business.contacts),
        )
    )
    if business is None:  # pragma: no cover - checked by the caller
        abort(404)
    reassign = ReassignForm()
    _owner_choices(reassign.owner)
    known_email = next((p.email for p in business.contacts if p.email), "")
    return render_template(
        "businesses/detail.html",
        business=business,
        person_form=person_form,
        stage_form=StageForm(stage=business.stage),
        consent_form=ConsentForm(given=business.publish_consent_at is not None),
        draft_form=DraftForm(email=known_email),
        account_form=AccountForm(email=known_email),
        reassign=reassign,
        button=ButtonForm(),
        today=date.today(),
    )


@bp.route("/<int:business_id>/bearbeiten", methods=["GET", "POST"])
@staff_only
def edit(business_id: int):
    business = _business(business_id)
    form = BusinessForm(obj=business if request.method == "GET" else None)
    _centre_choices(form)
    if request.method == "GET":
        form.size.data = business.size or ""
    if form.validate_on_submit():
        progress.set_details(business, form.values())
        audit("business.update", "business", business.id)
        db.session.commit()
        flash(_("Die Angaben sind gespeichert."), "success")
        return redirect(url_for("businesses.detail", business_id=business.id))
    return render_template("businesses/form.html", form=form, business=business)


@bp.route("/<int:business_id>/kontakt", methods=["GET", "POST"])
@staff_only
def contact(business_id: int):
    """Record a contact – on the phone right after a visit: what, when, the result, the next step, a need."""
    business = _business(business_id)
    form = ContactForm()
    _owner_choices(form.next_owner)
    if request.method == "GET":
        form.next_owner.data = current_user.id
    if form.validate_on_submit():
        values = ops.ContactValues(
            kind=form.kind.data,
            contact_date=form.contact_date.data,
            topic=form.topic.data.strip(),
            result=(form.result.data or "").strip(),
            next_step=(form.next_step.data or "").strip(),
            next_due=form.next_due.data,
            next_owner_id=form.next_owner.data if form.next_step.data else None,
        )
        need = None
        if (form.need_title.data or "").strip():
            need = ops.NeedValues(
                title=form.need_title.data.strip(),
                hours=form.need_hours.data,
                positions=form.need_positions.data or 1,
                start_date=form.need_start.data,
                german_level=form.need_german.data,
                skills=(form.need_skills.data or "").strip(),
            )
        ops.record_contact(business, values, need)
        db.session.commit()
        flash(
            _("Der Kontakt ist gespeichert.") + (" " + _("Den Bedarf können Sie jetzt als Stellenentwurf an den Betrieb schicken.") if need else ""), "success"
        )
        return redirect(url_for("businesses.detail", business_id=business.id))
    return render_template("businesses/contact.html", form=form, business=business)


@bp.route("/<int:business_id>/stand", methods=["POST"])
@staff_only
def stage(business_id: int):
    business = _business(business_id)
    form = StageForm()
    if not form.validate_on_submit():
        abort(400)
    if progress.change_stage(business, form.stage.data):
        db.session.commit()
        flash(_("Der Stand ist geändert."), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/<int:business_id>/einverstaendnis", methods=["POST"])
@staff_only
def consent(business_id: int):
    business = _business(business_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    ops.set_publish_consent(business, form.given.data)
    db.session.commit()
    flash(_("Gespeichert."), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/<int:business_id>/ansprechpersonen", methods=["POST"])
@staff_only
def person_add(business_id: int):
    business = _business(business_id)
    form = ContactPersonForm()
    if form.validate_on_submit():
        db.session.add(
            BusinessContactPerson(
                business=business,
                name=form.name.data.strip(),
                role=(form.role.data or "").strip(),
                phone=(form.phone.data or "").strip(),
                email=form.email.data or "",
            )
        )
        audit("business.contact_person_added", "business", business.id)
        db.session.commit()
        flash(_("Die Ansprechperson ist gespeichert."), "success")
        return redirect(url_for("businesses.detail", business_id=business.id))
    return _detail_page(business.id, form)


@bp.route("/ansprechpersonen/<int:person_id>/loeschen", methods=["POST"])
@staff_only
def person_erase(person_id: int):
    person = _row(BusinessContactPerson, person_id)
    business = _business(person.business_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    ops.erase_contact_person(person)
    db.session.commit()
    flash(_("Die Angaben zur Ansprechperson sind gelöscht."), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/ansprechpersonen/<int:person_id>/auskunft")
@staff_only
def person_access(person_id: int):
    """What the project stores about a contact person (Art. 15 GDPR), as a file to hand over."""
    person = _row(BusinessContactPerson, person_id)
    business = _business(person.business_id)
    audit("business.contact_person_access", "business", business.id)
    db.session.commit()
    data = {
        _("Betrieb"): business.name,
        _("Name"): person.name,
        _("Funktion"): person.role,
        _("Telefon"): person.phone,
        _("E-Mail"): person.email,
        _("Eingetragen am"): person.created_at.date().isoformat(),
        _("Zweck"): _("Kontakt des Projekts „Gemeinsam für Hagen 2.0“ zu Betrieben im Quartier"),
        _("Löschung"): _(
            "auf Wunsch sofort; bei Betrieben ohne Zusammenarbeit %(n)d Monate nach dem letzten Kontakt", n=ops.prospect_retention_months(db.session)
        ),
    }
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={"Content-Disposition": f"attachment; filename=auskunft-ansprechperson-{person.id}.json"})


@bp.route("/schritte/<int:activity_id>/erledigt", methods=["POST"])
@staff_only
def step_done(activity_id: int):
    activity = _row(BusinessActivity, activity_id)
    _business(activity.business_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if ops.complete_step(activity):
        db.session.commit()
        flash(_("Erledigt."), "success")
    back = url_for("businesses.index") if request.form.get("next") == "list" else url_for("businesses.detail", business_id=activity.business_id)
    return redirect(back)


@bp.route("/schritte/<int:activity_id>/uebergeben", methods=["POST"])
@staff_only
def step_reassign(activity_id: int):
    activity = _row(BusinessActivity, activity_id)
    _business(activity.business_id)
    form = ReassignForm()
    _owner_choices(form.owner)
    if not form.validate_on_submit():
        abort(400)
    owner = db.session.get(User, form.owner.data)
    if owner is None:  # pragma: no cover - the choices are the active staff
        abort(400)
    ops.reassign_step(activity, owner)
    db.session.commit()
    flash(_("Der Schritt ist an %(name)s übergeben.", name=owner.name), "success")
    return redirect(url_for("businesses.detail", business_id=activity.business_id))


@bp.route("/schritte/uebergeben", methods=["POST"])
@staff_only
def steps_hand_over():
    """When a colleague is away: all their open next steps to another member of the staff."""
    form = HandOverForm()
    _owner_choices(form.source)
    _owner_choices(form.owner)
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "danger")
        return redirect(url_for("businesses.index"))
    source, owner = db.session.get(User, form.source.data), db.session.get(User, form.owner.data)
    if source is None or owner is None:  # pragma: no cover - the choices are the active staff
        abort(400)
    moved = ops.hand_over_steps(source, owner)
    db.session.commit()
    flash(ngettext("%(num)d Schritt ist an %(name)s übergeben.", "%(num)d Schritte sind an %(name)s übergeben.", moved, name=owner.name), "success")
    return redirect(url_for("businesses.index"))


def _invitation_problem(business: Business, email: str | None) -> str | None:
    """Why a business cannot be invited to ``email`` (None: it can, or has an account already)."""
    if business.employer is not None:
        return None
    if not email:
        return _("Der Betrieb hat noch keinen Zugang: Bitte geben Sie eine E-Mail-Adresse für die Einladung an.")
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        return _("Unter dieser Adresse gibt es schon einen Zugang. Bitte verbinden Sie den Betrieb über die Verwaltung oder nehmen Sie eine andere Adresse.")
    return None


@bp.route("/<int:business_id>/zugang", methods=["POST"])
@staff_only
def account(business_id: int):
    """Invite the business to KMU-Match (without a need yet): it gets an account, and its history stays."""
    business = _business(business_id)
    form = AccountForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.email.errors) or _("Bitte prüfen Sie die Angaben."), "danger")
        return redirect(url_for("businesses.detail", business_id=business.id))
    if business.employer is not None:
        flash(_("Der Betrieb hat schon einen Zugang."), "warning")
        return redirect(url_for("businesses.detail", business_id=business.id))
    problem = _invitation_problem(business, form.email.data)
    if problem:
        flash(problem, "danger")
        return redirect(url_for("businesses.detail", business_id=business.id))
    ops.open_account(business, form.email.data)
    db.session.commit()
    flash(_("Die Einladung an %(email)s ist verschickt. Der Link gilt sieben Tage.", email=form.email.data), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/bedarf/<int:need_id>/entwurf", methods=["POST"])
@staff_only
def need_draft(need_id: int):
    need = _row(BusinessNeed, need_id)
    business = _business(need.business_id)
    form = DraftForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.email.errors) or _("Bitte prüfen Sie die Angaben."), "danger")
        return redirect(url_for("businesses.detail", business_id=business.id))
    problem = _invitation_problem(business, form.email.data)
    if problem:
        flash(problem, "danger")
        return redirect(url_for("businesses.detail", business_id=business.id))
    opening = ops.need_to_draft(need, form.email.data)
    if opening is None:
        flash(_("Aus diesem Bedarf ist schon ein Entwurf geworden."), "warning")
    else:
        db.session.commit()
        flash(_("Der Entwurf „%(title)s“ ist an den Betrieb geschickt. Er muss ihn nur noch prüfen und veröffentlichen.", title=opening.title), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/bedarf/<int:need_id>/veroeffentlichen", methods=["POST"])
@staff_only
def need_publish(need_id: int):
    need = _row(BusinessNeed, need_id)
    business = _business(need.business_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if ops.publish_on_behalf(need):
        db.session.commit()
        flash(_("Die Stelle ist im Auftrag des Betriebs veröffentlicht."), "success")
    else:
        flash(_("Das geht nur mit dem festgehaltenen Einverständnis des Betriebs und solange die Stelle ein Entwurf ist."), "warning")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/bedarf/<int:need_id>/erledigt", methods=["POST"])
@staff_only
def need_drop(need_id: int):
    need = _row(BusinessNeed, need_id)
    business = _business(need.business_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if ops.drop_need(need):
        db.session.commit()
        flash(_("Der Bedarf ist als erledigt vermerkt."), "success")
    return redirect(url_for("businesses.detail", business_id=business.id))


@bp.route("/einstellungen", methods=["GET", "POST"])
@admin_only
def settings():
    """The project lead sets how long prospects' contacts are kept."""
    form = RetentionForm()
    if request.method == "GET":
        form.months.data = ops.prospect_retention_months(db.session)
    if form.validate_on_submit():
        ops.set_prospect_retention_months(form.months.data)
        db.session.commit()
        flash(_("Gespeichert. Der nächste Löschlauf richtet sich danach."), "success")
        return redirect(url_for("businesses.settings"))
    return render_template(
        "businesses/settings.html", form=form, due=len(ops.stale_prospects(db.session, ops.prospect_retention_months(db.session), ops.utcnow()))
    )


@bp.route("/zahlen")
@staff_only
def statistics():
    """Businesses per stage (per quarter and sector), contacts, needs and the supported KMU for ESF Plus – published
    figures, or exact ones in the project lead's internal view."""
    from webapp.businesses import figures
    from webapp.stats.export import note
    from webapp.stats.figures import last_months
    from webapp.stats.report import month_text, period_text
    from webapp.stats.routes import request_scope, scope_args

    scope = request_scope()
    exact = figures.compute(db.session, scope.period, centre_id=scope.filters.centre_id, quarter=scope.filters.quarter, sector=scope.filters.sector)
    return render_template(
        "businesses/statistics.html",
        scope=scope,
        period_label=period_text(scope.period),
        figures=figures.shown(exact, scope.internal),
        months=[month_text(p) for p in last_months(scope.period, 12)],
        centres=db.session.scalars(select(Centre).order_by(Centre.name)).all(),
        args=scope_args(scope),
        note=note(scope.internal),
    )


@bp.route("/import", methods=["GET", "POST"])
@staff_only
def import_upload():
    """A list of businesses (CSV or Excel), e.g. from the city's business development."""
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        token, problem = receive_upload(current_user.id, kind="businesses")
        if problem:
            flash(problem, "danger")
            return render_template("businesses/import_upload.html", form=form), 400
        return redirect(url_for("businesses.import_preview", token=token))
    return render_template("businesses/import_upload.html", form=form)


@bp.route("/import/<token>", methods=["GET", "POST"])
@staff_only
def import_preview(token: str):
    """Columns, every row with its errors and possible duplicates; then all rows or none."""
    data = load_upload(token, current_user.id)
    if data.get("kind") != "businesses":
        abort(404)
    chosen = request.form if request.method == "POST" else None
    preview = imports.preview(data["header"], data["rows"], chosen, ops.known_businesses(db.session))
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        wanted = preview.wanted(request.form)
        if preview.blocked:
            flash(_("Nichts wurde importiert: bitte zuerst die markierten Fehler in der Datei beheben (oder die Spalten richtig zuordnen)."), "danger")
        elif not wanted:
            flash(_("Nichts wurde importiert: alle Zeilen sind mögliche Doppelungen und sollen übersprungen werden."), "warning")
        else:
            ops.import_businesses(wanted, current_user)
            db.session.commit()
            drop_upload(token)
            flash(ngettext("%(num)d Betrieb übernommen.", "%(num)d Betriebe übernommen.", len(wanted)), "success")
            if len(wanted) < len(preview.checked):
                skipped = len(preview.checked) - len(wanted)
                flash(ngettext("%(num)d mögliche Doppelung übersprungen.", "%(num)d mögliche Doppelungen übersprungen.", skipped), "info")
            return redirect(url_for("businesses.index", stand="known"))
    return render_template(
        "businesses/import_preview.html",
        data=data,
        token=token,
        mapping=preview.mapping,
        targets=imports.TARGETS,
        required=imports.REQUIRED,
        checked=preview.checked,
        missing=preview.missing,
        errors=preview.errors,
        duplicates=preview.duplicates,
        form=form,
    ), (422 if request.method == "POST" else 200)
