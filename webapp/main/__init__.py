"""The start page of each role, the public pages and the word lookup used while typing.

``openings_routes`` is the public list of the quarters' openings (``job_postings``: which, and as schema.org).

URLs (``tests/test_layout.py`` checks this table against the app):

=========================  =======  ===========================
URL                        Methods  View
=========================  =======  ===========================
/                          GET      routes.index
/begriffe                  GET      routes.suggest_terms
/healthz                   GET      routes.healthz
/readyz                    GET      routes.readyz
/so-entstehen-vorschlaege  GET      routes.how
/sprache                   POST     routes.set_language
/start                     GET      routes.home
/stellen                   GET      openings_routes.public_list
/stellen.atom              GET      openings_routes.public_feed
/ueber                     GET      routes.about
=========================  =======  ===========================
"""
