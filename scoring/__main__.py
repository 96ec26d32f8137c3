"""``python -m scoring``: see scoring.cli."""

import sys

from floorplans.logs import configure_logging

from .cli import main

configure_logging()
sys.exit(main())
