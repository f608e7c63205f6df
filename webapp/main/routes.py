from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import func, select

from models import Centre, Employer, Opening, Participant, User, VocabularyProposal
from webapp.businesses.operations import due_steps
from webapp.core import params
from webapp.core.db import db
from webapp.core.extensions import limiter_store_state
from webapp.core.forms import ButtonForm
from webapp.core.permissions import login_required_any
from webapp.suggestions.index import matching_index

bp = Blueprint("main", __name__, template_folder="templates")


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("main.home"))


@bp.route("/start")
@login_required_any
def home():
    """The first page after login, by role."""
    if current_user.role == "admin":
        counts = {
            "users": db.session.scalar(select(func.count(User.id))),
            "employers": db.session.scalar(select(func.count(Employer.id))),
            "participants": db.session.scalar(select(func.count(Participant.id))),
            "openings": db.session.scalar(select(func.count(Opening.id)).where(Opening.status == "open")),
            "proposals": db.session.scalar(select(func.count(VocabularyProposal.id)).where(VocabularyProposal.status == "open")),
        }
        return render_template("main/home_admin.html", counts=counts, business_steps=due_steps(db.session, current_user.id, date.today()))
    if current_user.role == "counsellor":
        return redirect(url_for("counsellors.participants"))
    return redirect(url_for("employers.openings"))


@bp.route("/sprache", methods=["POST"])
def set_language():
    """Switch the interface language (POST with CSRF, so GET never changes state)."""
    form = ButtonForm()
    lang = request.form.get("lang", "")
    if not form.validate_on_submit() or lang not in ("de", "en"):
        abort(400)
    session["lang"] = lang
    return redirect(params.redirect_target("next", source=request.form) or url_for("main.index"))


@bp.route("/ueber")
def about():
    return render_template("main/about.html")


@bp.route("/so-entstehen-vorschlaege")
def how():
    """In public, in plain German: what the matcher uses and never uses, how a score comes about, how good it is, its limits."""
    from matching import measurements

    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    data = measurements.load()
    from matching.matcher import START_DAYS

    return render_template("main/how.html", centres=centres, measured=data, measured_month=measurements.measured_month(data), start_days=START_DAYS)


@bp.route("/healthz")
def healthz():
    """Liveness: the process answers."""
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    """Readiness: "ok", "degraded" (Redis does not answer: logins still work, each worker counts on its
    own), "starting" (the matching index is being built) or "unavailable" (no database) – with 503 unless
    ok or degraded. Anybody (a load balancer, a monitor) gets the status; which store counts login
    attempts and the parts' states only an admin who is logged in: an attacker learns nothing about
    how the limits are kept.
    """
    limits = limiter_store_state()
    reachable = db.ping()  # before anything of the request touches the database (SQLite: one writer at a time)

    def answer(status: str, code: int = 200, **parts):
        details = current_user.is_authenticated and current_user.role == "admin"
        return jsonify(status=status, **(parts | {"rate_limits": limits} if details else {})), code

    if not reachable:
        return answer("unavailable", 503, database="unreachable", matching_index="unknown")
    index = matching_index()
    if not index.ready:  # gunicorn builds it before forking (gunicorn.conf.py); elsewhere it is built now
        index.build_in_background(current_app._get_current_object())  # type: ignore[attr-defined]  # the app behind the proxy
        return answer("starting", 503, database="ok", matching_index="building")
    return answer("degraded" if limits == "fallback" else "ok", database="ok", matching_index="ready")


@bp.route("/begriffe")
@login_required_any
def suggest_terms():
    """Skill words to offer while typing (the forms work without this, too)."""
    from webapp.suggestions.skills import normaliser

    return jsonify(normaliser().vocabulary.suggest(params.text("q", 100), limit=10))
