"""Monthly match statistics, computed from the event history only (see ARCHITECTURE.md).

``figures`` computes the monthly figures from events, ``disclosure`` keeps small counts from
naming people, ``export`` writes CSV and Excel, ``report``, ``fairness``, ``participation`` and ``supply``
the further views.

URLs (``tests/test_layout.py`` checks this table against the app):

=======================  =======  ==================
URL                      Methods  View
=======================  =======  ==================
/statistik/              GET      routes.dashboard
/statistik/begriffe      GET      routes.definitions
/statistik/esf           GET      routes.esf
/statistik/esf.<fmt>     GET      routes.esf_export
/statistik/export.<fmt>  GET      routes.export
/statistik/fairness      GET      routes.fairness
=======================  =======  ==================
"""
