"""Flask extensions, created unbound and initialised in ``create_app``."""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect


def select_locale() -> str:
    """The language chosen with the switch, else the browser's, German first (German outside a request: commands, mails)."""
    if not has_request_context():
        return "de"
    chosen = session.get("lang")
    if chosen in ("de", "en"):
        return chosen
    return request.accept_languages.best_match(["de", "en"], default="de") or "de"


babel = Babel()
bootstrap = Bootstrap5()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def limiter_store_state() -> str:
    """Where login attempts are counted now: "shared" (Redis), "per_worker" (memory) or "fallback" (Redis does not answer).

    Asked of the storage the limiter built, not read from the configured text (whatever its spelling)."""
    from limits.storage import MemoryStorage

    if isinstance(limiter.storage, MemoryStorage):
        return "per_worker"
    try:
        return "shared" if limiter.storage.check() else "fallback"
    except Exception:
        return "fallback"
