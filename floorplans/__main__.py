"""``python -m floorplans``: see floorplans.cli."""

import sys

from .cli import main

sys.exit(main())
