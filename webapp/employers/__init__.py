"""A business's own pages: its openings (draft, preview, publish, pause, fill, copy), its introductions and
what it reports about them.

``operations`` holds the rules of openings, ``forms`` the forms.

URLs (``tests/test_layout.py`` checks this table against the app):

============================================================================  ========  =====================
URL                                                                           Methods   View
============================================================================  ========  =====================
/betrieb/firma                                                                GET POST  routes.company
/betrieb/stellen                                                              GET       routes.openings
/betrieb/stellen/<int:opening_id>                                             GET       routes.opening
/betrieb/stellen/<int:opening_id>/bearbeiten                                  GET POST  routes.opening_edit
/betrieb/stellen/<int:opening_id>/kopieren                                    POST      routes.opening_copy
/betrieb/stellen/<int:opening_id>/lesart                                      GET POST  routes.reading
/betrieb/stellen/<int:opening_id>/status                                      POST      routes.opening_status
/betrieb/stellen/neu                                                          GET POST  routes.opening_new
/betrieb/vorstellungen/<int:introduction_id>/ergebnis                         POST      routes.outcome
/betrieb/vorstellungen/<int:introduction_id>/lebenslauf.<any(pdf, docx):fmt>  GET       routes.candidate_cv
============================================================================  ========  =====================
"""
