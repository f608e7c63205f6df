"""A Perspektivhaus's own people and its work on openings: participant profiles, consent, the import,
openings and suggestions, decisions on introductions.

``routes`` (openings, suggestions, introductions), ``participant_routes`` (profiles, consent),
``import_routes`` (the import) hold the views; ``operations`` and ``imports`` the rules; ``access`` who may
see which participant; ``participant_list`` the list of the house's people (its filter and query);
``participant_forms`` and ``forms`` the forms; ``person_view`` the profile in the person's own language.

URLs (``tests/test_layout.py`` checks this table against the app):

===========================================================  ========  =========================================
URL                                                          Methods   View
===========================================================  ========  =========================================
/beratung/import                                             GET POST  import_routes.import_upload
/beratung/import/<token>                                     GET POST  import_routes.import_preview
/beratung/import/vorlage.<fmt>                               GET       import_routes.import_template
/beratung/stellen                                            GET       routes.openings
/beratung/stellen/<int:opening_id>/entscheidung              POST      routes.decision
/beratung/stellen/<int:opening_id>/vorschlaege               GET       routes.suggestions
/beratung/teilnehmende                                       GET       participant_routes.participants
/beratung/teilnehmende/<int:participant_id>                  GET       participant_routes.participant
/beratung/teilnehmende/<int:participant_id>/bearbeiten       GET POST  participant_routes.participant_edit
/beratung/teilnehmende/<int:participant_id>/einwilligung     POST      participant_routes.consent
/beratung/teilnehmende/<int:participant_id>/fuer-die-person  GET       participant_routes.participant_for_person
/beratung/teilnehmende/<int:participant_id>/lesart           GET POST  participant_routes.reading
/beratung/teilnehmende/einwilligungen                        POST      participant_routes.consents
/beratung/teilnehmende/neu                                   GET POST  participant_routes.participant_new
/beratung/vorstellungen                                      GET       routes.board
/beratung/vorstellungen/<int:introduction_id>                GET       routes.introduction
/beratung/vorstellungen/<int:introduction_id>/austritt       GET POST  routes.exit_confirm
/beratung/vorstellungen/<int:introduction_id>/zurueckziehen  POST      routes.introduction_withdraw
===========================================================  ========  =========================================
"""
