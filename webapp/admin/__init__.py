from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from webapp.admin import routes, vocabulary_routes  # noqa: E402,F401
