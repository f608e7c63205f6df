"""KMU-Match's skill matcher: a pure library (no Flask, no SQLAlchemy)."""

__version__ = "0.1.0"
