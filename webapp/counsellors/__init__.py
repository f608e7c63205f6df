from flask import Blueprint

bp = Blueprint("counsellors", __name__, url_prefix="/beratung")

from webapp.counsellors import cv_routes, esf_routes, import_routes, participants, privacy, routes  # noqa: E402,F401
