"""The hard conditions of an opening: German level, hours, driving licence, start date, must-have skills.

A profile that fails one is never ranked for the opening, whatever its skills.
The conditions are kept as arrays (one entry per profile, or per opening) so
that a whole index is checked in one step, and each one is explained.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np

from .geo import POSTCODE_CENTRES, distance_km
from .records import CEFR, HOURS, LICENCE_INCLUDES, Opening, Profile
from .requirements import LANGUAGES, Stated

OTHER_LANGUAGES = tuple(code for code in LANGUAGES.values() if code != "de")  # an ad may ask for these in its lines
_LANGUAGE_ROW = {code: at for at, code in enumerate(OTHER_LANGUAGES)}

LICENCE_BIT = {name: 1 << i for i, name in enumerate(LICENCE_INCLUDES)}
NO_DATE = np.iinfo(np.int32).min
POSTCODES = sorted(POSTCODE_CENTRES)
POSTCODE_INDEX = {pc: i for i, pc in enumerate(POSTCODES)}
# Distances between the known postcode centres; the last column stands for "unknown".
DISTANCES = np.full((len(POSTCODES), len(POSTCODES) + 1), np.nan)
for _i, _a in enumerate(POSTCODES):
    for _j, _b in enumerate(POSTCODES):
        DISTANCES[_i, _j] = distance_km(_a, _b)


def level(value: str | None) -> int:
    """A CEFR level as 1 (A1) to 6 (C2); 0 for none."""
    return CEFR.index(value) + 1 if value in CEFR else 0


def licence_mask(licences: Iterable[str]) -> int:
    mask = 0
    for lic in licences:
        for included in LICENCE_INCLUDES.get(lic, (lic,)):
            mask |= LICENCE_BIT.get(included, 0)
    return mask


def hours_mask(hours: Iterable[str]) -> int:
    mask = 0
    for h in hours:
        mask |= 1 << HOURS.index(h)
    return mask or 0b111  # nothing stated: any hours


def profile_arrays(profiles: Sequence[Profile]) -> dict[str, np.ndarray]:
    """The profiles' side of every condition, one entry per profile."""
    return {
        "german": np.asarray([level(p.german_level) for p in profiles], dtype=np.int8),
        "hours": np.asarray([hours_mask(p.hours) for p in profiles], dtype=np.uint8),
        "licences": np.asarray([licence_mask(p.driving_licences) for p in profiles], dtype=np.int32),
        "available": np.asarray([p.available_from.toordinal() if p.available_from else NO_DATE for p in profiles], dtype=np.int32),
        "postcode": np.asarray([POSTCODE_INDEX.get(p.postcode or "", -1) for p in profiles], dtype=np.int16),
        **_language_arrays(profiles),
    }


def _language_arrays(profiles: Sequence[Profile]) -> dict[str, np.ndarray]:
    """Per other language an ad may ask for: each profile's level (0 for none), in one pass over the profiles."""
    levels = np.zeros((len(OTHER_LANGUAGES), len(profiles)), dtype=np.int8)
    for row, p in enumerate(profiles):
        for code, value in p.languages.items():
            at = _LANGUAGE_ROW.get(code)
            if at is not None:
                levels[at, row] = level(value)
    return {"lang:" + code: levels[at] for code, at in _LANGUAGE_ROW.items()}


def opening_arrays(openings: Sequence[Opening], german_tolerance: int, support_tolerance: int) -> dict[str, np.ndarray]:
    """The openings' side of every condition, one entry per opening (for ranking openings for one profile)."""
    return {
        "german": np.asarray([level(o.german_level) - german_tolerance - (support_tolerance if o.language_support else 0) for o in openings], dtype=np.int8),
        "hours": np.asarray([1 << HOURS.index(o.hours) for o in openings], dtype=np.uint8),
        "licence": np.asarray([LICENCE_BIT.get(o.driving_licence, 0) if o.driving_licence else 0 for o in openings], dtype=np.int32),
        "start": np.asarray([o.start.toordinal() if o.start else np.iinfo(np.int32).max for o in openings], dtype=np.int32),
        "postcode": np.asarray([POSTCODE_INDEX.get(o.postcode or "", -1) for o in openings], dtype=np.int16),
    }


def eligible_profiles(
    arrays: dict[str, np.ndarray], opening: Opening, tolerance: int, languages: Mapping[str, str] | None = None, start_days: int = 0
) -> np.ndarray:
    """Which profiles meet the opening's German level, hours, licence and start date (and ``languages``: other
    languages its lines ask for, ISO code -> CEFR level, with the same tolerance). A person free up to
    ``start_days`` after the start still counts (the start is a soft condition; the explanation says how late)."""
    ok = arrays["german"] >= level(opening.german_level) - tolerance
    for code, wanted in (languages or {}).items():
        ok &= arrays["lang:" + code] >= level(wanted) - tolerance
    ok &= (arrays["hours"] & (1 << HOURS.index(opening.hours))) > 0
    if opening.driving_licence:
        ok &= (arrays["licences"] & LICENCE_BIT.get(opening.driving_licence, 0)) > 0
    if opening.start:
        ok &= arrays["available"] <= opening.start.toordinal() + start_days
    return ok


def eligible_openings(arrays: dict[str, np.ndarray], profile: Profile, start_days: int = 0) -> np.ndarray:
    """Which openings the profile meets the conditions of (starting up to ``start_days`` late)."""
    ok = arrays["german"] <= level(profile.german_level)
    ok &= (arrays["hours"] & hours_mask(profile.hours)) > 0
    ok &= (arrays["licence"] == 0) | ((arrays["licence"] & licence_mask(profile.driving_licences)) > 0)
    if profile.available_from:
        ok &= arrays["start"].astype(np.int64) + start_days >= profile.available_from.toordinal()
    return ok


def proximity(postcodes: np.ndarray, postcode: str | None, radius_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Per entry: closeness in [0, 1] to ``postcode`` and the distance in km (nan when unknown)."""
    if postcode not in POSTCODE_INDEX:
        return np.zeros(len(postcodes)), np.full(len(postcodes), np.nan)
    dist = DISTANCES[POSTCODE_INDEX[postcode]][postcodes]  # -1 picks the "unknown" column
    closeness = np.clip(1.0 - dist / radius_km, 0.0, 1.0)
    return np.nan_to_num(closeness, nan=0.0), dist


def languages_met(profile: Profile, languages: Mapping[str, str], tolerance: int) -> bool:
    return all(level_status(profile.languages.get(code), wanted, tolerance) != "failed" for code, wanted in languages.items())


def level_status(have: str | None, wanted: str, tolerance: int) -> str:
    """A language level against the one asked for: "met", "relaxed" (within the tolerance) or "failed"."""
    got, need = level(have), level(wanted)
    return "met" if got >= need else ("relaxed" if got >= need - tolerance else "failed")


def conditions(
    opening: Opening,
    profile: Profile,
    tolerance: int,
    *,
    active: bool,
    musts: Sequence[tuple[str, bool]] = (),
    stated: Stated | None = None,
    start_days: int = 0,
) -> list[dict[str, Any]]:
    """Every condition of ``opening`` for ``profile``: what is asked, what the profile has, met or not.

    With ``stated`` (the conditions the opening's lines state), a condition read from a line says so ("line")."""
    out: list[dict[str, Any]] = []
    status = level_status(profile.german_level, opening.german_level, tolerance)
    out.append({"condition": "german_level", "required": opening.german_level, "profile": profile.german_level, "status": status})
    for code, wanted in (stated.languages if stated else {}).items():
        have = profile.languages.get(code)
        out.append({"condition": "language", "language": code, "required": wanted, "profile": have, "status": level_status(have, wanted, tolerance)})
    if stated:  # where a condition comes from a line of the ad, not from the form's field
        for entry in out:
            name = "language:" + entry["language"] if entry["condition"] == "language" else entry["condition"]
            if name in stated.lines and (entry["condition"] != "german_level" or stated.german_level == opening.german_level):
                entry["line"] = stated.lines[name]
    hours_ok = not profile.hours or opening.hours in profile.hours
    out.append({"condition": "hours", "required": opening.hours, "profile": list(profile.hours), "status": "met" if hours_ok else "failed"})
    if opening.driving_licence:
        ok = bool(licence_mask(profile.driving_licences) & LICENCE_BIT.get(opening.driving_licence, 0))
        entry = {
            "condition": "driving_licence",
            "required": opening.driving_licence,
            "profile": list(profile.driving_licences),
            "status": "met" if ok else "failed",
        }
        if stated and stated.driving_licence == opening.driving_licence and "driving_licence" in stated.lines:
            entry["line"] = stated.lines["driving_licence"]
        out.append(entry)
    if opening.start:
        late = (profile.available_from - opening.start).days if profile.available_from else 0
        entry = {
            "condition": "available_from",
            "required": opening.start.isoformat(),
            "profile": profile.available_from.isoformat() if profile.available_from else None,
            "status": "met" if late <= 0 else ("relaxed" if late <= start_days else "failed"),
        }
        if late > 0:
            entry["days_late"] = late
        out.append(entry)
    for text, has in musts:
        out.append({"condition": "must_skill", "required": text, "status": "met" if has else "failed"})
    if not active:
        out.append({"condition": "active", "status": "failed"})
    return out


def ordinal(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE
