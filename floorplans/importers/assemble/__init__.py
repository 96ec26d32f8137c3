"""Shared last step of every importer: source shapes in, one valid-as-can-be Plan out.

Each format reader only collects what its file says (``sources``: room
polygons with names, door and window footprints, plants, in metres);
``level.build_level`` does the rest the same way for all of them, in steps:

1. ``cleanup``: cleans the room polygons (invalid rings, slivers, overlaps);
2. ``walls``: grows the rooms into the walls between them (a Voronoi split of
   the wall zone along its middle), because in a drawing rooms stop at the
   wall face while in our format a door must lie on a boundary two rooms
   share; ``precision`` then settles the shapes on the model's millimetres;
3. ``kinds``: maps names to room kinds (kind_map), guessing corridors by shape;
4. ``placement``: turns door and window footprints into segments on the wall
   they sit in;
5. ``doors``: makes the doors, guessing a public entrance; the level is then
   validated and its report filled.
"""

from .level import build_level
from .placement import segment_on
from .shapes import polygon_parts
from .sources import SourceOpening, SourcePlant, SourceRoom

__all__ = ["SourceOpening", "SourcePlant", "SourceRoom", "build_level", "polygon_parts", "segment_on"]
