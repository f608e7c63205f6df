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


def skill_label(skill_id: str | None, lang: str = "de") -> str | None:
    """The readable name of a stored skill id (None for terms that were not understood)."""
    if not skill_id:
        return None
    vocab = normaliser().vocabulary
    index = vocab.index.get(skill_id)
    return vocab.label(index, lang) if index is not None else None


class StoredUnderstanding:
    """A stored skill row in the shape the templates show for a fresh normalisation."""

    def __init__(self, skill) -> None:
        self.label = skill_label(skill.skill_id)
        self.how = skill.match_how or "unknown"


def understood_row(skill) -> tuple[str, str, StoredUnderstanding]:
    return (getattr(skill, "kind", "required"), skill.term, StoredUnderstanding(skill))
