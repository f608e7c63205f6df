"""Structured logs: one JSON object per line, UTC time, a request id, never personal data.

Only the method, the URL rule (``/beratung/teilnehmende/<int:participant_id>``, not the
path with its values), the status, the time taken (and the CPU time of it) and the role are logged, so names,
e-mail addresses, phone numbers and notes cannot reach the logs through a request.
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
import time
from datetime import UTC, datetime

from flask import Flask, g, request


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "method", "rule", "status", "ms", "cpu_ms", "role"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "unknown"
        return json.dumps(entry, ensure_ascii=False)


class JSONHandler(logging.StreamHandler):
    """The app's log handler (a class of its own, so that an app made again replaces it instead of adding one)."""


def register_logging(app: Flask) -> None:
    handler = JSONHandler(sys.stderr)
    handler.setFormatter(JSONFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    app.logger.propagate = False
    # The libraries' own warnings go the same way: Flask-Limiter's "storage unreachable - falling back to
    # in-memory storage" (its logger has only a NullHandler otherwise, so a Redis outage left no line) and
    # the job queue's.
    for name in ("flask-limiter", "huey"):
        library = logging.getLogger(name)
        library.handlers[:] = [h for h in library.handlers if not isinstance(h, JSONHandler)] + [handler]
        library.setLevel(logging.INFO if name == "huey" else logging.WARNING)
    # werkzeug's access log prints full paths with their values; the request log below replaces it.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    @app.before_request
    def _start():
        g.request_id = request.headers.get("X-Request-ID", "")[:64] or secrets.token_hex(8)
        g.started = time.perf_counter()
        g.cpu_started = time.thread_time()  # the CPU this request's thread uses (waiting for the GIL or the database is not CPU)

    @app.after_request
    def _log(response):
        rule = request.url_rule.rule if request.url_rule else "(none)"
        if not rule.startswith(("/static", "/bootstrap")):
            app.logger.info(
                "request",
                extra={
                    "request_id": g.get("request_id"),
                    "method": request.method,
                    "rule": rule,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
                    "cpu_ms": round((time.thread_time() - g.get("cpu_started", time.thread_time())) * 1000, 1),
                    "role": g.get("role", "anonymous"),
                },
            )
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response
