"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

from matching.threads import one_blas_thread

one_blas_thread()  # before the app loads NumPy: requests are answered side by side, BLAS threads would only compete

from webapp import create_app  # noqa: E402

app = create_app()
