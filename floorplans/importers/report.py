"""What an import produced and how: options in, plans and an import report out.

The report is the importer's honesty: every room kind that came from a
mapping rule, every guess (a default kind, an entrance), every piece of the
source that was dropped and why, every property default it had to assume
(ceiling heights, sound ratings, window heights), and what the validator
still finds. A designer reads it to know what to check by hand.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model import Plan, RoomKind
from ..problems import PlanError, Problem

__all__ = [
    "ImportOptions",
    "MappedName",
    "Dropped",
    "Stray",
    "LevelReport",
    "ImportReport",
    "ImportResult",
    "import_error",
]


class ImportOptions(BaseModel):
    """Choices an importer cannot make from the file alone; the defaults suit the common case."""

    model_config = ConfigDict(frozen=True)

    default_kind: RoomKind = Field(default=RoomKind.unknown, description="kind of a room nothing in the file names (unknown: to review)")
    kind_mapping: tuple[tuple[str, RoomKind], ...] = Field(
        default=(), description="the designer's (words, kind) pairs, e.g. ('samtale*', meeting_room), tried first (kind_map.read_kind_mapping)"
    )
    kind_rules: tuple[tuple[str, RoomKind], ...] = Field(
        default=(), description="extra (regex, kind) rules tried before the vocabulary (kind_map, vocabulary.toml)"
    )
    guess_corridors: bool = Field(default=True, description="call an unnamed long, narrow room a corridor")
    min_room_area: float = Field(default=1.0, description="m²; smaller pieces are dropped as slivers")
    max_wall: float = Field(default=0.8, description="m; the thickest wall between two rooms (rooms grow into walls up to this)")
    fill_walls: bool = Field(default=True, description="grow rooms into the walls between them so doors sit on shared walls")
    guess_entrance: bool = Field(default=True, description="mark one plausible exterior door as the public entrance")
    # DXF
    dxf_room_layers: tuple[str, ...] = Field(default=("room", "rooms", "space", "spaces", "area", "areas", "a-area", "rum"),
                                             description="layers whose closed polylines are rooms (case-insensitive)")
    dxf_wall_layers: tuple[str, ...] = Field(default=("wall", "walls", "a-wall", "væg", "vaeg"),
                                             description="layers whose polylines, lines and solid hatches are walls")
    dxf_partition_layers: tuple[str, ...] = Field(default=("plaster", "concr", "floor", "windows line", "partition", "partitions", "a-wall-prtn"),
                                                  description="layers whose lines and polylines (not hatches) are partitions")
    dxf_door_blocks: str = Field(default=r"^door", description="regex on block names (case-insensitive) of door inserts")
    dxf_window_blocks: str = Field(default=r"^wind", description="regex on block names of window inserts")
    dxf_plant_blocks: str = Field(default=r"plant|^z_49$", description="regex on block or layer names of plant inserts")
    dxf_units: str | None = Field(default=None, description="'mm', 'cm' or 'm' to override the drawing's $INSUNITS")
    door_gap: float = Field(default=0.55, description="m; wall gaps up to twice this are closed to split rooms at doors (DXF)")


class MappedName(BaseModel):
    """A source name or type and the room kind it became."""

    kind: RoomKind
    count: int = 0
    rule: str | None = Field(default=None, description="what named the kind, in plain words; None: nothing did (unknown or the default kind)")
    confidence: float = Field(default=0.0, description="0-1: how sure the import is of the kind (1: the designer's mapping)")


class Dropped(BaseModel):
    what: str
    why: str


class Stray(BaseModel):
    """Geometry that does not belong to the plan (e.g. a fill crossing it), left out."""

    what: str
    why: str
    bounds: tuple[float, float, float, float]


class LevelReport(BaseModel):
    """What became of one storey."""

    level: str
    rooms: int = 0
    doors: int = 0
    openings: int = Field(default=0, description="wall-less passages between rooms with no wall between them in the file")
    windows: int = 0
    floor_area_m2: float = 0.0
    source_area_m2: float = Field(default=0.0, description="area of the rooms as drawn, before they were grown into the walls")
    mapped: dict[str, MappedName] = Field(default_factory=dict)
    guessed: list[str] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
    stray: list[Stray] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    defaults: list[str] = Field(default_factory=list, description="properties the file did not give, and the plan format's default used")
    counts: dict[str, int] = Field(default_factory=dict, description="format-specific tallies, e.g. spaces_between_walls")
    problems: list[Problem] = Field(default_factory=list, description="what validate_plan finds in the imported level")

    def map(self, source: str, kind: RoomKind, rule: str | None, confidence: float = 0.0) -> None:
        entry = self.mapped.setdefault(source, MappedName(kind=kind, rule=rule, confidence=confidence))
        entry.count += 1

    def drop(self, what: str, why: str) -> None:
        self.dropped.append(Dropped(what=what, why=why))

    def to_lines(self) -> list[str]:
        return _level_lines(self)

    @property
    def unknown_names(self) -> list[str]:
        """Source names nothing named a kind for (their rooms are unknown, or the default kind)."""
        return [name for name, m in self.mapped.items() if m.rule is None]


class ImportReport(BaseModel):
    source: str
    format: str
    levels: list[LevelReport] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def level(self, name: str) -> LevelReport:
        for item in self.levels:
            if item.level == name:
                return item
        raise KeyError(f"no level {name!r} in the report")

    def to_text(self, *, source: bool = True) -> str:
        """The report in plain words, for the command line and (``source=False``: without the file's path) the designer."""
        lines = [f"{self.source} ({self.format})"] if source else [f"Imported from a {FORMAT_NAMES.get(self.format, self.format)} file"]
        lines += [f"  warning: {w}" for w in self.warnings]
        for lv in self.levels:
            lines += lv.to_lines()
        return "\n".join(lines)


#: How the report names each format.
FORMAT_NAMES = {"dxf": "DXF (CAD)", "ifc": "IFC (BIM)", "imdf": "IMDF", "wrld": "WRLD indoor map",
                "floorspacejs": "FloorspaceJS", "geojson-plan": "plan (GeoJSON)"}
#: A kind guessed with at least this confidence is called sure; below it, worth a check.
SURE = 0.7


def _level_lines(lv: LevelReport) -> list[str]:
    openings = f", {lv.openings} openings" if lv.openings else ""
    lines = [f"level {lv.level}: {lv.rooms} rooms ({lv.floor_area_m2:,.0f} m²), {lv.doors} doors{openings}, {lv.windows} windows"]
    rooms = sum(m.count for m in lv.mapped.values())
    unknown = sum(m.count for m in lv.mapped.values() if m.kind is RoomKind.unknown)
    sure = sum(m.count for m in lv.mapped.values() if m.kind is not RoomKind.unknown and m.confidence >= SURE)
    lines.append(f"  kinds: {sure} of {rooms} rooms sure, {rooms - sure - unknown} to check, {unknown} unknown (to review)")
    for name, m in sorted(lv.mapped.items(), key=lambda item: (item[1].kind is not RoomKind.unknown, item[1].confidence, item[0])):
        times = f" ×{m.count}" if m.count > 1 else ""
        if m.rule is None:
            lines.append(f"    {name}{times}: {m.kind.value.replace('_', ' ')}: nothing in the file names its kind")
        else:
            lines.append(f"    {name}{times}: {m.kind.value.replace('_', ' ')}, {m.confidence:.0%} sure: {m.rule}")
    lines += [f"  guessed: {g}" for g in lv.guessed]
    if lv.dropped:
        lines.append(f"  left out: {len(lv.dropped)} part(s) of the file")
        lines += [f"    {d.what}: {d.why}" for d in lv.dropped]
    lines += [f"  left out as stray: {s.what}: {s.why}" for s in lv.stray]
    lines += [f"  warning: {w}" for w in lv.warnings]
    lines += [f"  default: {d}" for d in lv.defaults]
    lines += [f"  {p.severity}: {p}" for p in lv.problems]
    return lines


class ImportResult(BaseModel):
    """The imported storeys (in the file's order) and the report."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    levels: dict[str, Plan]
    report: ImportReport


def import_error(code: str, message: str, source: str | None = None) -> PlanError:
    """The one error an importer raises: a PlanError with a single clear problem."""
    return PlanError([Problem(code=code, message=message)], source)
