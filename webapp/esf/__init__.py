"""ESF Plus participation: entry, exit and the six-month follow-up with the voluntary entry data (stored apart,
never seen by the matcher or employers), and the indicators for the funder.

``operations`` holds the rules, ``forms`` the form, ``routes`` the page, ``indicators`` the funder's figures.

URLs (``tests/test_layout.py`` checks this table against the app):

===============================================  ========  ==========
URL                                              Methods   View
===============================================  ========  ==========
/beratung/teilnehmende/<int:participant_id>/esf  GET POST  routes.esf
===============================================  ========  ==========
"""
