"""Distances between polling areas and a voter's location (Telegram-free)."""

from __future__ import annotations

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest(
    points: Iterable[tuple[int, float, float]], lat: float, lon: float, limit: int = 3
) -> list[tuple[int, float]]:
    """The ``limit`` nearest points ``(id, lat, lon)`` as ``(id, km)``, nearest first (ties by id)."""
    scored = sorted(((haversine_km(lat, lon, a, b), i) for i, a, b in points), key=lambda x: (x[0], x[1]))
    return [(i, d) for d, i in scored[:limit]]


def rounded_distance(km: float) -> tuple[float, str]:
    """A distance for people: metres (rounded to 10) under 1 km, else km with one decimal: (value, unit)."""
    if km < 1:
        return float(max(10, round(km * 100) * 10)), "m"
    return round(km, 1), "km"
