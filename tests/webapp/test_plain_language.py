"""Every page each role reaches, read as a person reads it: no internal codes, German numbers.

The walk starts at a role's start page on the demo data and follows every link of the
site (a few pages of each kind), the way somebody clicking through would. On every
German page the visible text (and the labels a screen reader reads) must hold no
stored codes (``part_time``, ``esco:…``, ``participant.view_card``), no ISO dates
or months, no "UTC" and no number with a decimal point.
"""

from __future__ import annotations

import re

import pytest

from tests.site_walk import load_demo, log_in, walk
from webapp.core.labels import LANGUAGE_CODES

PER_KIND = 3  # pages of one kind (route) visited: the third participant reads like the first


# Addresses, and names that hold a number with a point ("Gemeinsam für Hagen 2.0"), are not numbers.
NOT_READ_AS_NUMBERS = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+\.(?:example|de|org|eu)\b|Hagen 2\.0")
FAULTS = {
    "a stored code": re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"),
    "an ESCO or term key": re.compile(r"\b(?:esco|term|kldb):\S*"),
    "a dotted event name": re.compile(r"\b[a-z]{3,}\.[a-z_]{3,}\b"),
    "an ISO date or month": re.compile(r"\b20\d\d-[01]\d(?:-[0-3]\d)?\b"),
    "UTC": re.compile(r"\bUTC\b"),
    "a two-digit year": re.compile(r"\b[0-3]\d\.[01]\d\.\d\d(?![\d.])"),
    "a language code": re.compile(r"\b(?:" + "|".join(LANGUAGE_CODES) + r") [ABC][12]\b"),
}
DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.])")


def faults_in(text: str) -> list[str]:
    """What a German reader should not see in ``text``."""
    text = NOT_READ_AS_NUMBERS.sub(" ", text)
    found = [f"{name}: {m.group(0)!r}" for name, pattern in FAULTS.items() for m in pattern.finditer(text)]
    for m in DECIMAL.finditer(text):
        whole, part = m.groups()
        if len(part) != 3 or whole.startswith("0"):  # "20.000" is German for twenty thousand
            found.append(f"a decimal point: {m.group(0)!r}")
    return found


def test_the_checker_sees_what_it_should():
    assert faults_in("Arbeitszeit (verlangt part_time)") and faults_in("Brötchen (esco:5626b3b1)")
    assert faults_in("participant.view_card / participant 301") and faults_in("Quote 0.667")
    assert faults_in("Entfernung: 2.2 km") and faults_in("Monat 2026-11") and faults_in("12:00 UTC") and faults_in("Deutsch B1, ro C2")
    assert faults_in("03.12.26, 17:02")
    assert not faults_in(
        "am 30.11.2026 um 11:12 · 20.000 Teilnehmende · 2,2 km · 67 % · z. B. · kontakt@baeckerei-eins.example · Gemeinsam für Hagen 2.0 · Deutsch ab A2, Rumänisch C2"
    )


@pytest.fixture
def demo_site(app):
    return load_demo(app)


@pytest.mark.parametrize("role", ["admin", "counsellor", "employer"])
def test_no_page_shows_codes_or_english_numbers(app, client, demo_site, role):
    pages = walk(app, client, log_in(client, demo_site[role]), PER_KIND)
    faults = {url: sorted(set(found)) for url, page in pages.items() if (found := faults_in(" | ".join(page.text)))}
    assert not faults, "\n".join(f"{url}: {'; '.join(found)}" for url, found in faults.items())
