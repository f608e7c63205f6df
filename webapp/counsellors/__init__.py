from flask import Blueprint

bp = Blueprint("counsellors", __name__, url_prefix="/beratung")

from . import participants, routes  # noqa: E402,F401
