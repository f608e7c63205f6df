"""Signing in and out, two-factor codes, invitations, password reset, access requests and the account page.

``operations`` holds the rules, ``sessions`` the user loader and the ending of sessions, ``tokens`` the signed
one-time links, ``totp`` the two-factor codes, ``api_tokens`` the personal API tokens (pages: ``api_token_routes``).

URLs (``tests/test_layout.py`` checks this table against the app):

==============================================  ========  ====================================
URL                                             Methods   View
==============================================  ========  ====================================
/abmelden                                       POST      routes.logout
/anmelden                                       GET POST  routes.login
/anmelden/code                                  GET POST  routes.login_code
/einladen                                       GET POST  routes.invite
/konto/api-schluessel                           GET POST  api_token_routes.api_tokens_page
/konto/api-schluessel/<int:token_id>/widerrufen POST      api_token_routes.api_token_revoke
/konto/meine-daten.json                         GET       routes.my_data
/konto/passwort                                 GET POST  routes.change_password
/konto/zwei-faktor                              GET       routes.two_factor
/konto/zwei-faktor/ausschalten                  POST      routes.two_factor_disable
/konto/zwei-faktor/bestaetigen                  POST      routes.two_factor_confirm
/konto/zwei-faktor/einrichten                   POST      routes.two_factor_setup
/passwort-setzen/<link>                         GET POST  routes.set_password
/passwort-vergessen                             GET POST  routes.forgot_password
/zugang-anfragen                                GET POST  routes.request_access
==============================================  ========  ====================================
"""
