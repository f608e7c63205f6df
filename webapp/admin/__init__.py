"""The project lead's pages: accounts, businesses, access requests, the outbox, the audit log and the
technical record of the matcher.

``operations`` holds the rules, ``forms`` the forms.

URLs (``tests/test_layout.py`` checks this table against the app):

=======================================================  ========  ==============================
URL                                                      Methods   View
=======================================================  ========  ==============================
/admin/anfragen                                          GET       routes.access_requests
/admin/anfragen/<int:request_id>                         POST      routes.access_request_decide
/admin/benutzer                                          GET       routes.users
/admin/benutzer/<int:user_id>                            GET POST  routes.user_edit
/admin/benutzer/<int:user_id>/auskunft.json              GET       routes.user_subject_access
/admin/benutzer/<int:user_id>/entsperren                 POST      routes.user_activate
/admin/benutzer/<int:user_id>/loeschen                   GET POST  routes.user_erase
/admin/benutzer/<int:user_id>/sperren                    POST      routes.user_deactivate
/admin/benutzer/<int:user_id>/zwei-faktor-zuruecksetzen  POST      routes.user_reset_totp
/admin/benutzer/neu                                      GET POST  routes.user_new
/admin/betriebe                                          GET       routes.employers
/admin/betriebe/<int:employer_id>                        GET POST  routes.employer_edit
/admin/betriebe/<int:employer_id>/auskunft.json          GET       routes.employer_subject_access
/admin/betriebe/<int:employer_id>/kontakt-loeschen       POST      routes.employer_contact_erase
/admin/betriebe/neu                                      GET POST  routes.employer_new
/admin/datenschutz-anfrage                               GET POST  routes.person_request
/admin/haeuser                                           GET       centre_routes.centres
/admin/haeuser/<int:centre_id>                           POST      centre_routes.centre_edit
/admin/postausgang                                       GET       routes.outbox
/admin/postausgang/<int:mail_id>                         GET       routes.outbox_mail
/admin/protokoll                                         GET       routes.audit_log
/admin/technik                                           GET       routes.technical_record
=======================================================  ========  ==============================
"""
