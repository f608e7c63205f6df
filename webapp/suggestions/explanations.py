"""A suggestion's explanation as the pages show it, kept while what it explains is unchanged (issue 31).

Rendering the explanation of ten cards was the largest part of the suggestions page's CPU, and
the same person is explained for the same opening again and again (every counsellor, every page
of the list, the page again after each decision). The matcher names what a score and its
explanation were made from (``matching.Result.basis``: the version of the profile's row, of the
opening's reading, whether the person is ranked); a card rendered for a basis is kept, per
language, in this worker's memory (at most ``KEPT`` cards, the least recently shown go first).
The card holds nothing of the viewer (no name, no decision, no link of the own centre): those are
rendered around it on every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, current_app, g
from flask_babel import get_locale
from markupsafe import Markup

from matching import Result

KEPT = 5000  # cards per worker (about 1.5 KB each)
TEMPLATE = "suggestions/_explanation.html"


@dataclass(frozen=True)
class Card:
    html: Markup  # the ``explanation`` macro's output
    matched_by: tuple[str, ...]  # the profile's words that matched (the page marks those from the CV)


class _Kept:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cards: OrderedDict[tuple, Card] = OrderedDict()


def _kept(app: Flask) -> _Kept:
    return app.extensions.setdefault("kmu_explanation_cards", _Kept())


def _key(result: Result) -> tuple | None:
    return None if result.basis is None else (result.basis, str(get_locale()))


def is_kept(result: Result) -> bool:
    """Whether the card of ``result`` is kept (then its explanation need not be made)."""
    key = _key(result)
    if key is None:
        return False
    kept = _kept(current_app)
    with kept.lock:
        return key in kept.cards


def card(result: Result) -> Card:
    """The rendered explanation of ``result``: the kept one for its basis, else rendered now (and kept)."""
    key = _key(result)
    kept = _kept(current_app)
    if key is not None:
        with kept.lock:
            found = kept.cards.get(key)
            if found is not None:
                kept.cards.move_to_end(key)
                return found
    made = Card(_macro()(result.explanation), tuple(m["by"] for m in result.explanation.get("matched", [])))
    if key is not None:
        with kept.lock:
            kept.cards[key] = made
            while len(kept.cards) > KEPT:
                kept.cards.popitem(last=False)
    return made


def _macro():
    """The ``explanation`` macro with the templates' context (labels, translations), made once per request."""
    macro = g.get("_kmu_explanation_macro")
    if macro is None:
        context: dict = {}
        current_app.update_template_context(context)
        macro = g._kmu_explanation_macro = current_app.jinja_env.get_template(TEMPLATE).make_module(context).explanation  # type: ignore[attr-defined]  # the macro of that name
    return macro
