from flask import Blueprint

bp = Blueprint("counsellors", __name__, url_prefix="/beratung")

from . import esf_routes, import_routes, participants, privacy, routes  # noqa: E402,F401
