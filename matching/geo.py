"""Distances between postcodes, for the soft "close to home" factor.

Approximate centres of the Hagen postcode areas (WGS84, rounded to about
500 m; read off a map, good enough to tell "same quarter" from "across
town"). Postcodes outside Hagen have no position and get no proximity bonus.
"""

from __future__ import annotations

import math

POSTCODE_CENTRES: dict[str, tuple[float, float]] = {
    "58089": (51.3690, 7.4540),  # Wehringhausen, Eckesey-Süd, Kückelhausen
    "58091": (51.3320, 7.4930),  # Eilpe, Dahl, Delstern
    "58093": (51.3480, 7.5150),  # Emst, Bathey
    "58095": (51.3600, 7.4740),  # Mitte
    "58097": (51.3760, 7.4830),  # Altenhagen, Boelerheide
    "58099": (51.3900, 7.4950),  # Boele, Fley, Helfe
    "58119": (51.3520, 7.5720),  # Hohenlimburg
    "58135": (51.3470, 7.4100),  # Haspe
}


def distance_km(a: str | None, b: str | None) -> float | None:
    """Great-circle distance between two postcode centres, or None when either is unknown."""
    if a is None or b is None:
        return None
    if a == b:
        return 0.0
    pa, pb = POSTCODE_CENTRES.get(a), POSTCODE_CENTRES.get(b)
    if pa is None or pb is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*pa, *pb))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
