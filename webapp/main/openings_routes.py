"""``/stellen``: the quarters' openings that companies chose to show, for anyone without an account (and as a feed)."""

from __future__ import annotations

from flask import Response, render_template, url_for
from sqlalchemy import select

from models import Centre
from models.enums import HOURS, QUARTERS, SECTORS
from webapp.core import params
from webapp.core.db import db
from webapp.core.pagination import paginate
from webapp.main.job_postings import job_posting, public_openings
from webapp.main.routes import bp


@bp.route("/stellen")
def public_list():
    quarter, hours, sector = params.choice("stadtteil", QUARTERS), params.choice("arbeitszeit", HOURS), params.choice("branche", SECTORS)
    page = paginate(db.session, public_openings(quarter, hours, sector), per_page=20)
    # Data blocks for search engines (not run: the CSP's script rule does not apply), written by the template's
    # ``tojson``, which escapes <, >, & and ' so that no text of a company can end the block.
    postings = [job_posting(o, url_for("main.public_list", _external=True, _anchor=f"stelle-{o.id}")) for o in page.items]
    centres = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    chosen = {key: value for key, value in {"stadtteil": quarter, "arbeitszeit": hours, "branche": sector}.items() if value}
    return render_template("main/public_openings.html", page=page, postings=postings, centres=centres, chosen=chosen)


@bp.route("/stellen.atom")
def public_feed():
    """The same list as an Atom feed (the newest 50), for feed readers and the city's website."""
    openings = db.session.scalars(public_openings().limit(50)).all()
    updated = max((o.published_at for o in openings if o.published_at), default=None)
    xml = render_template("main/public_openings.atom.xml", openings=openings, updated=updated)
    return Response(xml, mimetype="application/atom+xml")
