import sys

from .cli import main
from .frames import call_with_room

sys.exit(call_with_room(main))
