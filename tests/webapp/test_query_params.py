"""Odd query parameters never break a page: every GET route, every role, every parameter the app reads.

The app reads query parameters only through ``webapp.core.params`` (checked below),
so the names found there are all the names there are.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import csrf_token, login
from tests.policy import POLICY, ROLES, url_values
from webapp.counsellors.imports import TARGETS
from webapp.warmup import warm_up

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"
_READ = re.compile(r"params\.(?:text|integer|choice|month|redirect_target)\(\s*\"([a-z_]+)\"")


def parameter_names() -> list[str]:
    names = set()
    for path in WEBAPP.rglob("*.py"):
        names.update(_READ.findall(path.read_text(encoding="utf-8")))
    names.update(f"spalte_{target}" for target in TARGETS)
    return sorted(names)


ODD = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999",
            "2147483648",
            "²",
            "١٢",
            "9999-12",
            "0001-01",
            "2026-13",
            "2026-00",
            "1999-12",
            "2100-01",
            "\x00",
            "a\x00b",
            "%",
            "_",
            "%_%",
            "' OR 1=1 --",
            "<script>",
            "ä" * 500,
            "//evil.example",
            "\t/evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
        ]
    ),
)


def test_only_webapp_params_reads_query_parameters():
    offenders = []
    for path in WEBAPP.rglob("*.py"):
        if path.name == "params.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "request.args" in text or "request.values" in text:
            offenders.append(str(path.relative_to(WEBAPP)))
    assert not offenders, "read query parameters through webapp.core.params: " + ", ".join(offenders)
    assert "seite" in parameter_names() and "kuerzel" in parameter_names()


@pytest.mark.parametrize("role", list(ROLES))
def test_odd_query_parameters_never_give_a_500(app, world, role):
    from flask import url_for

    client = app.test_client()
    warm_up(app)  # a ready process: /readyz answers 503 only while the matching index is being built
    if ROLES[role]:
        login(client, getattr(world, ROLES[role]))
    upload_token = "0" * 32
    if role == "counsellor":
        upload = {"datei": (io.BytesIO(b"Vorname;Nachname;Deutsch\nAna;Lupu;A2\n"), "liste.csv"), "csrf_token": csrf_token(client, "/beratung/import")}
        upload_token = client.post("/beratung/import", data=upload, content_type="multipart/form-data").headers["Location"].rsplit("/", 1)[1]
    urls = []
    for endpoint, (methods, allowed) in POLICY.items():
        if "GET" not in methods or endpoint in ("auth.login_code",):
            continue
        if allowed != "public" and (role == "anonymous" or role not in allowed):
            continue
        with app.test_request_context():
            urls.append(url_for(endpoint, **url_values(app, world, endpoint, upload_token)))
    names = parameter_names()

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.sampled_from(urls), st.dictionaries(st.sampled_from(names), ODD, min_size=1, max_size=4))
    def get(url, query):
        response = client.get(url, query_string=query)
        assert response.status_code < 500, (url, query, response.status_code)

    get()


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "\t//evil.example",
        "/\\evil.example",
        "/%5C%5Cevil.example",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example",
        "https://evil.example",
        "javascript:alert(1)",
        "java\nscript:alert(1)",
        "/\u200b/evil.example",
        " /x",
        "",
        None,
    ],
)
def test_safe_next_refuses_the_usual_bypasses(target):
    from webapp.core.params import safe_next

    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/beratung/teilnehmende?q=Ana%20Lupu&seite=2", "/statistik/?monat=2026-10"])
def test_safe_next_keeps_paths_of_this_site(target):
    from webapp.core.params import safe_next

    assert safe_next(target) == target


def test_language_switch_on_a_crafted_path_stays_on_the_site(client):
    """``GET /%09/evil.example`` then the language switch: the redirect stays here (it went to //evil.example)."""
    page = client.get("/%09/evil.example")
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    next_value = re.search(r'name="next" value="([^"]*)"', html).group(1)
    response = client.post("/sprache", data={"csrf_token": token, "lang": "en", "next": next_value.replace("&#9;", "\t")})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert not location.lstrip("\t ").startswith("//") and "evil" not in location


def test_login_follows_only_safe_next(client, world):
    from tests.helpers import TEST_PASSWORD

    token = csrf_token(client)
    response = client.post("/anmelden?next=/%09/evil.example", data={"email": world.admin, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and "evil" not in response.headers["Location"]
