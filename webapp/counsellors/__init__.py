from flask import Blueprint

bp = Blueprint("counsellors", __name__, url_prefix="/beratung")

from . import import_routes, participants, privacy, routes  # noqa: E402,F401
