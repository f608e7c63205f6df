import sys

from .threads import one_blas_thread

one_blas_thread()  # before anything imports NumPy (matching.threads)

from .cli import main  # noqa: E402
from .frames import call_with_room  # noqa: E402

sys.exit(call_with_room(main))
