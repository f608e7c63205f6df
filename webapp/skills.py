"""The web app's door to the matcher's normaliser: skills are understood when a record is saved.

One Normaliser per process (loading the vocabulary takes about a second), so
every request and command in a worker shares it.
"""
from __future__ import annotations

from functools import lru_cache

from matching import Normalised, Normaliser


@lru_cache(maxsize=1)
def normaliser() -> Normaliser:
    return Normaliser()


def understand(terms: list[str]) -> list[Normalised]:
    """How each typed term is understood (the other terms of the record give context)."""
    return normaliser().normalise(terms)
