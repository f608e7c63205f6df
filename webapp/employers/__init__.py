from flask import Blueprint

bp = Blueprint("employers", __name__, url_prefix="/betrieb")

from webapp.employers import routes  # noqa: E402,F401
