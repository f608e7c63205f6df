"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py wsgi:app``.

- The app and its matching index are built once in the master before any worker
  starts (``preload_app``); the workers are forked from it, so each one answers
  from its first request on and the index's arrays are shared between them
  (copy-on-write) instead of being built three times.
- Threaded workers (``gthread``): a connection that sends nothing waits in the
  worker's poller, not in a thread, so a handful of idle or slow clients cannot
  hold every worker; a slow request holds one thread, not a whole worker.
- The database connections made while preloading are dropped before forking:
  each worker opens its own.

Every setting can be overridden on the command line or with ``GUNICORN_CMD_ARGS``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

bind = os.environ.get("KMU_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KMU_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("KMU_THREADS", "16"))
preload_app = True
timeout = 30  # a worker that stops answering its master is replaced after this
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # renew workers now and then (memory), staggered
max_requests_jitter = 200
accesslog = None  # the app logs every request as JSON (webapp/core/logs.py)


def _limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives every thread its own malloc arena; with 16 threads per worker, freed memory then
    stays scattered over many arenas and the worker only grows. Two arenas keep it in check
    (what MALLOC_ARENA_MAX=2 does, set here because the workers are forked, not started anew)."""
    libc = ctypes.util.find_library("c")
    if libc:
        ctypes.CDLL(libc).mallopt(-8, arenas)  # -8 = M_ARENA_MAX


_limit_malloc_arenas()


def when_ready(server) -> None:
    """In the master, after the app is loaded: build the matching index once, then close the database pool."""
    from webapp.warmup import warm_up

    warm_up(server.app.wsgi(), before_fork=True)


def post_fork(server, worker) -> None:
    """In each new worker: the pool inherited from the master must not be used (each worker connects anew)."""
    from webapp.warmup import after_fork

    after_fork(server.app.wsgi())
