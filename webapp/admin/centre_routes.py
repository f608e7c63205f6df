"""The two Perspektivhäuser: their address, phone and opening hours (the public list and the companies' cards show them)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select

from models import Centre
from webapp.admin.forms import CentreForm
from webapp.admin.routes import bp
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.i18n import gettext as _
from webapp.core.permissions import admin_only


@bp.route("/haeuser")
@admin_only
def centres():
    houses = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    return render_template("admin/centres.html", houses=[(c, CentreForm(obj=c, prefix=f"c{c.id}")) for c in houses])


@bp.route("/haeuser/<int:centre_id>", methods=["POST"])
@admin_only
def centre_edit(centre_id: int):
    centre = db.session.get(Centre, centre_id)
    if centre is None:
        abort(404)
    form = CentreForm(prefix=f"c{centre.id}")
    if form.validate_on_submit():
        centre.address = form.address.data.strip()
        centre.phone = (form.phone.data or "").strip()
        centre.opening_hours = (form.opening_hours.data or "").strip()
        audit("centre.update", "centre", centre.id)
        db.session.commit()
        flash(_("Die Angaben zum %(house)s sind gespeichert.", house=centre.name), "success")
        return redirect(url_for("admin.centres"))
    houses = db.session.scalars(select(Centre).order_by(Centre.name)).all()
    return render_template("admin/centres.html", houses=[(c, form if c.id == centre.id else CentreForm(obj=c, prefix=f"c{c.id}")) for c in houses])
