"""Introductions: a counsellor's decision, then what the employer reports, each change exactly once.

``operations`` holds the rules and the one transition table of an introduction's status. The pages that
use them live with their role (``counsellors.routes``: decisions; ``employers.routes``: outcomes).
"""
