"""The app as a whole: health checks, error pages, headers, languages, production checks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import User
from tests.helpers import csrf_token, login
from webapp.core.config import DEV_SECRET_KEY, ConfigurationError, database_url
from webapp.core.db import db
from webapp.warmup import warm_up


def test_healthz_answers(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_says_starting_until_the_matching_index_is_built(app, client, world):
    first = client.get("/readyz")
    assert first.status_code == 503
    assert first.get_json() == {"status": "starting"}  # anybody: the status, nothing about the limits' store
    assert app.extensions["kmu_matching_index"].wait_built(timeout=60)
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json() == {"status": "ok"}
    login(client, world.admin)  # an admin sees the parts
    assert client.get("/readyz").get_json() == {"status": "ok", "database": "ok", "rate_limits": "per_worker", "matching_index": "ready"}


def test_ready_means_the_first_preview_and_word_lookup_are_built_too(app, client, world):
    """Issue 25.8: under `make run` the first „Prüfen“ and the first word lookup built their indexes on the click
    (7 s and 4.5 s). The index's first build makes them, so /readyz says "ok" only when they are there."""
    from webapp.suggestions.skills import normaliser

    reader = normaliser()
    reader._spotting, reader._spot_cache, reader.vocabulary._suggestion_keys = None, {}, None  # as in a fresh process
    assert client.get("/readyz").status_code == 503
    assert app.extensions["kmu_matching_index"].wait_built(timeout=60)
    assert client.get("/readyz").status_code == 200
    assert reader._spotting is not None and reader.vocabulary._suggestion_keys is not None


def test_a_warmed_up_process_is_ready_at_once(app, client, world):
    """gunicorn.conf.py builds the index in the master before forking: the first probe is already ready."""
    warm_up(app)
    assert client.get("/readyz").status_code == 200


def test_readyz_reports_an_unreachable_database(app_factory, tmp_path):
    broken = app_factory(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/nope/db.sqlite3")
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (400, "nicht in Ordnung"),
        (403, "Kein Zugriff"),
        (404, "Seite nicht gefunden"),
        (409, "schneller"),
        (413, "zu groß"),
        (429, "Zu viele"),
        (500, "schiefgegangen"),
    ],
)
def test_error_pages_are_german_and_show_no_traceback(app, code, text):
    from flask import abort

    @app.route(f"/_test/{code}")
    def _raise():
        if code == 500:
            raise RuntimeError("secret internal detail")
        abort(code)

    response = app.test_client().get(f"/_test/{code}")
    page = response.get_data(as_text=True)
    assert response.status_code == code
    assert text in page
    assert "Traceback" not in page
    assert "secret internal detail" not in page


def test_a_huge_id_in_a_url_is_404_not_an_error(client, login_as):
    login_as("counsellor_a")
    assert client.get("/beratung/teilnehmende/99999999999999999999").status_code == 404
    assert client.get("/beratung/stellen/2147483648/vorschlaege").status_code == 404


def test_an_unknown_page_is_404_in_german(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)


def test_an_upload_over_the_limit_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/anmelden", data={"file": "x" * 5000})
    assert response.status_code == 413


def test_security_headers_are_set(client):
    response = client.get("/anmelden")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_a_file_never_writes_the_session_back(app, client, login_as):
    """A style sheet's answer carried the session cookie as the stylesheet's request had it: arriving after the
    next click's answer, it put the older session back (a lost message, a flaky browser test; a logout could be
    undone so). Files leave the cookie alone, pages still renew it (the idle timeout)."""
    login_as("employer_user_2")
    for path in ("/static/kmu.css", "/bootstrap/static/css/bootstrap.min.css"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, path
        response.close()
    page = client.get("/konto/passwort")
    assert page.status_code == 200
    assert app.config["SESSION_COOKIE_NAME"] + "=" in page.headers["Set-Cookie"]


def test_a_look_up_in_the_background_never_writes_the_session_back(app, client, login_as):
    """The words offered while typing were asked for just before „Speichern“: their answer, carrying the session
    without the save's message, arrived after the save's and put it back (CI, 08.12.: „hier gilt jetzt Ihre
    Lesart“ never shown). What a script asks for leaves the cookie alone; a page opened or sent renews it, and
    a browser that does not say how it asks is taken for a page."""
    login_as("employer_user_2")
    script = client.get("/begriffe?q=Kasse", headers={"Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"})
    assert script.status_code == 200 and script.get_json()
    assert "Set-Cookie" not in script.headers
    for headers in ({"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}, {}):
        page = client.get("/konto/passwort", headers=headers)
        assert page.status_code == 200
        assert app.config["SESSION_COOKIE_NAME"] + "=" in page.headers["Set-Cookie"], headers
    old = client.get("/begriffe?q=Kasse")  # an old browser's look-up: as before
    assert app.config["SESSION_COOKIE_NAME"] + "=" in old.headers["Set-Cookie"]


def test_a_change_survives_a_look_up_answered_late(app, client, login_as):
    """The race itself, as a browser lives it: a look-up asked with the session as it was, a change sent and
    answered, then the look-up's answer. The browser keeps what the change wrote."""
    login_as("employer_user_2")
    name = app.config["SESSION_COOKIE_NAME"]
    token = csrf_token(client, "/konto/passwort")
    as_it_was = client.get_cookie(name).value
    client.post("/sprache", data={"lang": "en", "next": "/start", "csrf_token": token})
    behind = app.test_client()  # the look-up, sent before the change with the cookie of then
    behind.set_cookie(name, as_it_was)
    late = behind.get("/begriffe?q=Kasse", headers={"Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"})
    assert late.status_code == 200
    for header in late.headers.getlist("Set-Cookie"):  # what the browser would do with the late answer
        if header.startswith(name + "="):
            client.set_cookie(name, header.split(";", 1)[0].split("=", 1)[1])
    with client.session_transaction() as session:
        assert session.get("lang") == "en"


def test_pages_have_no_inline_scripts(client, login_as):
    login_as("admin")
    for path in ("/anmelden", "/start", "/admin/benutzer", "/ueber"):
        html = client.get(path).get_data(as_text=True)
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith("src=") or " src=" in chunk.split(">")[0], path


def test_bootstrap_is_served_by_the_app_itself(client):
    html = client.get("/anmelden").get_data(as_text=True)
    assert "cdn." not in html and "jsdelivr" not in html
    response = client.get("/bootstrap/static/css/bootstrap.min.css")
    assert response.status_code == 200
    response.close()


def test_the_language_switch_changes_to_english_and_back(client):
    token = csrf_token(client)
    assert "Anmelden" in client.get("/anmelden").get_data(as_text=True)
    response = client.post("/sprache", data={"lang": "en", "next": "/anmelden", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/anmelden"
    page = client.get("/anmelden").get_data(as_text=True)
    assert "Log in" in page and 'lang="en"' in page
    client.post("/sprache", data={"lang": "de", "next": "/anmelden", "csrf_token": token})
    assert 'lang="de"' in client.get("/anmelden").get_data(as_text=True)


def test_the_language_switch_refuses_get_and_unknown_languages(client):
    assert client.get("/sprache?lang=en").status_code == 405
    token = csrf_token(client)
    assert client.post("/sprache", data={"lang": "xx", "csrf_token": token}).status_code == 400
    assert client.post("/sprache", data={"lang": "en", "next": "//evil.example", "csrf_token": token}).headers["Location"] == "/"


def test_the_browser_language_is_used_before_any_choice(client):
    page = client.get("/anmelden", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in page
    page = client.get("/anmelden", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="de"' in page


def test_the_about_page_names_the_data_sources(client):
    page = client.get("/ueber").get_data(as_text=True)
    assert "This service uses the ESCO classification of the European Commission." in page
    assert "Quelle: Bundesagentur für Arbeit" in page


def test_database_url_defaults_to_sqlite_in_the_instance_folder():
    assert database_url({}).startswith("sqlite:///") and database_url({}).endswith("instance/kmu-match.sqlite3")
    assert database_url({"DATABASE_URL": "postgresql://u@h/db"}) == "postgresql+psycopg://u@h/db"
    assert database_url({"DATABASE_URL": "postgres://u@h/db"}) == "postgresql+psycopg://u@h/db"


SHARED_STORE = "redis://127.0.0.1:6379/15"  # not contacted by the start-up checks


class TestProduction:
    def test_refuses_the_default_secret_key(self, app_factory):
        with pytest.raises(ConfigurationError, match="SECRET_KEY"):
            app_factory(KMU_ENV="production", SECRET_KEY=DEV_SECRET_KEY, RATELIMIT_STORAGE_URI=SHARED_STORE, JOBS_URL=SHARED_STORE)

    @pytest.mark.parametrize("storage", ["memory://", "", "  memory://  ", "MEMORY://", "Memory://", "mEmOrY://", "memory://?x=1", "REDIS:/", "nonsense"])
    def test_refuses_a_limiter_store_that_each_worker_keeps_for_itself(self, world, app_factory, storage):
        """With memory:// three gunicorn workers let 29 of 40 wrong logins through a limit of 10 – whatever the spelling
        (issue 24.3: the limits library is asked which storage it builds)."""
        with pytest.raises(ConfigurationError, match="RATELIMIT_STORAGE_URI"):
            app_factory(KMU_ENV="production", RATELIMIT_STORAGE_URI=storage)

    @pytest.mark.parametrize("storage", ["redis://127.0.0.1:6379/15", "REDIS://127.0.0.1:6379/15", "Redis://127.0.0.1:6379/15"])
    def test_a_shared_store_is_recognised_whatever_its_spelling(self, storage):
        from webapp.core.config import limiter_storage_kind, limiter_storage_options

        assert limiter_storage_kind(storage) in ("shared", "invalid")  # redis-py may refuse an upper-case scheme: then the start refuses too
        assert limiter_storage_options(storage)["socket_timeout"] == 0.5

    def test_refuses_while_an_account_has_a_demo_password(self, app, world, app_factory):
        with app.app_context():
            user = db.session.scalar(select(User).where(User.email == world.admin))
            user.demo_password = True
            db.session.commit()
        with pytest.raises(ConfigurationError, match="demo password"):
            app_factory(KMU_ENV="production", RATELIMIT_STORAGE_URI=SHARED_STORE, JOBS_URL=SHARED_STORE)

    @pytest.mark.parametrize("jobs", ["immediate", "sqlite:////tmp/jobs.sqlite3", "", "memory://"])
    def test_refuses_a_job_queue_the_workers_do_not_share(self, world, app_factory, jobs):
        with pytest.raises(ConfigurationError, match="KMU_JOBS_URL"):
            app_factory(KMU_ENV="production", RATELIMIT_STORAGE_URI=SHARED_STORE, JOBS_URL=jobs)

    def test_starts_with_a_real_secret_and_sets_secure_cookies(self, world, app_factory, redis_url):
        prod = app_factory(KMU_ENV="production", SESSION_COOKIE_SECURE=True, RATELIMIT_STORAGE_URI=redis_url, JOBS_URL=redis_url)
        client = prod.test_client()
        response = login(client, world.admin)
        assert "Secure" in response.headers["Set-Cookie"]
        assert "Strict-Transport-Security" in client.get("/healthz").headers

    def test_from_env_makes_cookies_secure_in_production(self):
        from webapp.core.config import from_env

        assert from_env({"KMU_ENV": "production"})["SESSION_COOKIE_SECURE"] is True
        assert from_env({})["SESSION_COOKIE_SECURE"] is False


def test_a_conflict_between_two_editors_is_a_clear_message_not_a_500(app, client, world, login_as):
    """Issue 24.7: 30 parallel corrections of one opening gave 28 StaleDataError 500s."""
    from sqlalchemy.orm.exc import StaleDataError

    @app.route("/_test/stale")
    def _stale():
        raise StaleDataError("UPDATE statement on table 'opening' expected to update 1 row(s); 0 were matched.")

    response = client.get("/_test/stale")
    assert response.status_code == 409 and "gerade von jemand anderem geändert" in response.get_data(as_text=True)


def test_a_database_that_does_not_answer_is_a_503_with_retry_after_and_a_log_line(app_factory, tmp_path, caplog):
    """Issue 31: PostgreSQL refusing connections gave 'Fehler im Programm' pages without a request log line."""
    import logging

    broken = app_factory(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/nope/db.sqlite3")
    broken.logger.addHandler(caplog.handler)  # the app's logger writes JSON lines and does not propagate
    caplog.set_level(logging.WARNING)
    response = broken.test_client().get("/so-entstehen-vorschlaege")  # a public page that reads the database
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    page = response.get_data(as_text=True)
    assert "kurz nicht erreichbar" in page and "Fehler im Programm" not in page
    assert any(r.getMessage() == "database unavailable" and getattr(r, "rule", "") == "/so-entstehen-vorschlaege" for r in caplog.records)
