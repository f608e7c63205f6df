"""The start page of each role, the public pages and the word lookup used while typing.

URLs (``tests/test_layout.py`` checks this table against the app):

=========================  =======  ====================
URL                        Methods  View
=========================  =======  ====================
/                          GET      routes.index
/begriffe                  GET      routes.suggest_terms
/healthz                   GET      routes.healthz
/readyz                    GET      routes.readyz
/so-entstehen-vorschlaege  GET      routes.how
/sprache                   POST     routes.set_language
/start                     GET      routes.home
/ueber                     GET      routes.about
=========================  =======  ====================
"""
