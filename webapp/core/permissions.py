"""Role checks for views (one decorator, used on every protected route)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user

from webapp.core.extensions import login_manager

F = TypeVar("F", bound=Callable)


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow the view only to logged-in users with one of ``roles``.

    Anonymous users are sent to the login page; logged-in users of another
    role get 403.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


login_required_any = roles_required("admin", "counsellor", "employer")
admin_only = roles_required("admin")
counsellor_only = roles_required("counsellor")
employer_only = roles_required("employer")
staff_only = roles_required("admin", "counsellor")
