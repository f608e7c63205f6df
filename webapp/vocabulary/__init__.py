"""The vocabulary that learns from its users, under the project's control: "nicht gemeint?" on a record,
proposals, the project's own layer with its history, import/export and the measured effect.

``operations`` holds the rules, ``readings`` the page where a person says what a term means,
``routes`` the project lead's pages.

URLs (``tests/test_layout.py`` checks this table against the app):

====================================================  =======  ================================
URL                                                   Methods  View
====================================================  =======  ================================
/admin/wortschatz                                     GET      routes.vocabulary
/admin/wortschatz/entscheiden                         POST     routes.vocabulary_decide
/admin/wortschatz/export.json                         GET      routes.vocabulary_export
/admin/wortschatz/import                              POST     routes.vocabulary_import
/admin/wortschatz/import/<int:import_id>              GET      routes.vocabulary_import_preview
/admin/wortschatz/import/<int:import_id>/uebernehmen  POST     routes.vocabulary_import_apply
/admin/wortschatz/import/<int:import_id>/verwerfen    POST     routes.vocabulary_import_discard
/admin/wortschatz/messen                              POST     routes.vocabulary_measure
/admin/wortschatz/zuruecknehmen                       POST     routes.vocabulary_withdraw
====================================================  =======  ================================
"""
