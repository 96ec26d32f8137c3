"""``python -m floorplans``: see floorplans.cli."""

import sys

from .cli import main
from .logs import configure_logging

configure_logging()
sys.exit(main())
