"""Data protection in practice: the subject access (Art. 15 DSGVO), erasure (Art. 17), the retention run and
the map of where personal data lives.

``routes`` the pages, ``erasure`` erasing a person, ``retention`` the daily retention run,
``personal_data`` where personal data lives (read from the schema).

URLs (``tests/test_layout.py`` checks this table against the app):

=========================================================  ========  ==========================
URL                                                        Methods   View
=========================================================  ========  ==========================
/beratung/teilnehmende/<int:participant_id>/auskunft       GET       routes.subject_access_page
/beratung/teilnehmende/<int:participant_id>/auskunft.json  GET       routes.subject_access_json
/beratung/teilnehmende/<int:participant_id>/loeschen       GET POST  routes.erase
=========================================================  ========  ==========================
"""
