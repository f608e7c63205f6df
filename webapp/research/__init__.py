"""Wissenschaftliche Begleitung (issue 29): the research consent, the pseudonymised and k-anonymous extract as a
Frictionless Data Package with its codebook, the log of extracts, and the outcome view (Kaplan–Meier curves).

``extract`` builds the rows, ``package`` writes the Data Package, ``outcomes`` the curves and the funnel,
``operations`` the consent and the logged extract, ``routes`` the pages.

URLs (``tests/test_layout.py`` checks this table against the app):

=========================================================  =======  ===============
URL                                                        Methods  View
=========================================================  =======  ===============
/forschung/                                                GET      routes.overview
/forschung/auszug                                          POST     routes.extract
/forschung/teilnehmende/<int:participant_id>/einwilligung  POST     routes.consent
/forschung/verlauf                                         GET      routes.results
=========================================================  =======  ===============
"""
