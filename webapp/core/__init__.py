"""The service's plumbing, used by every feature and knowing none of them.

=================  ==========================================================================
``config``         configuration, read only from the environment
``db``             one engine per app, one session per application context, commit helpers
``extensions``     Flask extensions, created unbound and initialised in ``create_app``
``security``       security headers and the production start-up checks
``passwords``      argon2id hashing and the password rules
``permissions``    the role decorator every protected view uses
``params``         query parameters and redirect targets, read in one place and bounded
``pagination``     bounded lists
``forms``          form pieces shared by several features
``i18n``           translations looked up once per request and language
``labels``         human labels for the schema's enumerations
``spreadsheets``   CSV for German Excel, cells that never run as formulas
``errors``         error pages in the page's language, without tracebacks
``logs``           one JSON line per event, never personal data
``audit``          the audit log: who did what to which object, never the data
``events``         the append-only events the statistics are made of
``mail``           the outbox: queued in the request's transaction, sent by the worker
``jobs``           background work on the job queue (huey), never in a web request
``migrate``        Alembic driven from the app's configuration
=================  ==========================================================================
"""
