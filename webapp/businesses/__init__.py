"""Kontakt zu den KMU: the project's work with the businesses of both quarters, from the first visit to a hire
(issue 28) – businesses with and without an account, their contact persons, contacts with next steps, needs that
become draft openings, the stage of the cooperation, a list import, the retention of prospects' contacts.

``operations`` holds the rules, ``forms`` the forms, ``routes`` the pages, ``imports`` the list import,
``figures`` the statistics (from the events only).

URLs (``tests/test_layout.py`` checks this table against the app):

===================================================  ========  =====================
URL                                                  Methods   View
===================================================  ========  =====================
/betriebe/                                           GET       routes.index
/betriebe/<int:business_id>                          GET       routes.detail
/betriebe/<int:business_id>/ansprechpersonen         POST      routes.person_add
/betriebe/<int:business_id>/bearbeiten               GET POST  routes.edit
/betriebe/<int:business_id>/einverstaendnis          POST      routes.consent
/betriebe/<int:business_id>/kontakt                  GET POST  routes.contact
/betriebe/<int:business_id>/stand                    POST      routes.stage
/betriebe/<int:business_id>/zugang                   POST      routes.account
/betriebe/ansprechpersonen/<int:person_id>/auskunft  GET       routes.person_access
/betriebe/ansprechpersonen/<int:person_id>/loeschen  POST      routes.person_erase
/betriebe/bedarf/<int:need_id>/entwurf               POST      routes.need_draft
/betriebe/bedarf/<int:need_id>/erledigt              POST      routes.need_drop
/betriebe/bedarf/<int:need_id>/veroeffentlichen      POST      routes.need_publish
/betriebe/einstellungen                              GET POST  routes.settings
/betriebe/import                                     GET POST  routes.import_upload
/betriebe/import/<token>                             GET POST  routes.import_preview
/betriebe/neu                                        GET POST  routes.new
/betriebe/schritte/<int:activity_id>/erledigt        POST      routes.step_done
/betriebe/schritte/<int:activity_id>/uebergeben      POST      routes.step_reassign
/betriebe/schritte/uebergeben                        POST      routes.steps_hand_over
/betriebe/zahlen                                     GET       routes.statistics
===================================================  ========  =====================
"""
