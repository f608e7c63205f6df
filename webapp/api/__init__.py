"""The JSON API (issue 27): ``/api/v1`` with its OpenAPI document, for programs around a Perspektivhaus.

``routes`` holds the blueprint, the token check and the joining to flask-smorest; ``schemas`` what is sent and
taken; ``*_routes`` the views, one module per kind of object; ``docs_routes`` the document as a page to read. A caller has the rights of the token's user, checked
by the same rules on the models as the pages (``Opening.listed_for``, ``Opening.visible_to``, …).

URLs (``tests/test_layout.py`` checks this table against the app):

===================================================  ========  ==================================
URL                                                  Methods   View
===================================================  ========  ==================================
/api/v1/docs                                         GET       docs_routes.docs
/api/v1/introductions/<int:introduction_id>/outcome  POST      introductions_routes.Outcome
/api/v1/openings                                     GET POST  openings_routes.Openings
/api/v1/openings/<int:opening_id>                    GET       openings_routes.OneOpening
/api/v1/openings/<int:opening_id>/decisions          POST      introductions_routes.Decisions
/api/v1/openings/<int:opening_id>/introductions      GET       introductions_routes.Introductions
/api/v1/openings/<int:opening_id>/status             POST      openings_routes.OpeningStatus
/api/v1/openings/<int:opening_id>/suggestions        GET       openings_routes.Suggestions
/api/v1/public/openings                              GET       public_routes.PublicOpenings
/api/v1/statistics                                   GET       statistics_routes.Statistics
===================================================  ========  ==================================
"""
