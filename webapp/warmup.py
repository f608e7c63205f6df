"""Getting a process ready before it takes traffic: the matching index built, the statistics' closed
months read, database pools clean.

gunicorn (``gunicorn.conf.py``) calls :func:`warm_up` in the master after
loading the app and :func:`after_fork` in every worker. Without them (``flask
run``, tests) the index is built by the first request that needs it, and
``/readyz`` says "building" until then.
"""

from __future__ import annotations

import gc

from flask import Flask

from webapp.core.db import db
from webapp.stats.routes import warm_up as warm_up_statistics
from webapp.suggestions.index import matching_index


def warm_up(app: Flask, *, before_fork: bool = False) -> None:
    """Build the matching index and read the statistics' closed months in this process, then drop the
    database connections used for it.

    ``before_fork``: the process is a master about to fork its workers (they inherit both, and the first
    statistics page of each worker no longer pays half a second for them: issue 31).
    """
    with app.app_context():
        matching_index().current(db.session)
        warm_up_statistics(db.session)
        db.session.close()
    app.extensions["kmu_db"]["engine"].dispose()
    if before_fork:
        # What exists now lives as long as the process: moved out of the collector's sight, so the
        # collector does not touch (and thereby copy) the shared pages in every worker.
        gc.collect()
        gc.freeze()


def after_fork(app: Flask) -> None:
    """In a new worker process: forget the parent's pooled connections without closing them."""
    app.extensions["kmu_db"]["engine"].dispose(close=False)
