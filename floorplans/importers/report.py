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

    default_kind: RoomKind = Field(default=RoomKind.storage, description="kind of a room whose name no mapping rule knows")
    kind_rules: tuple[tuple[str, RoomKind], ...] = Field(
        default=(), description="extra (regex, kind) rules tried before the built-in table (kind_map.KIND_RULES)"
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
    rule: str | None = Field(default=None, description="the mapping rule that matched; None: no rule, the default kind")


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

    def map(self, source: str, kind: RoomKind, rule: str | None) -> None:
        entry = self.mapped.setdefault(source, MappedName(kind=kind, rule=rule))
        entry.count += 1

    def drop(self, what: str, why: str) -> None:
        self.dropped.append(Dropped(what=what, why=why))

    @property
    def unknown_names(self) -> list[str]:
        """Source names no rule knew (their rooms got the default kind)."""
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

    def to_text(self) -> str:
        """A plain-text summary for the command line."""
        lines = [f"{self.source} ({self.format})"]
        lines += [f"  warning: {w}" for w in self.warnings]
        for lv in self.levels:
            lines.append(f"level {lv.level}: {lv.rooms} rooms ({lv.floor_area_m2:,.0f} m²), {lv.doors} doors, {lv.windows} windows")
            for name, m in sorted(lv.mapped.items()):
                how = f"rule {m.rule!r}" if m.rule else "no rule: default"
                lines.append(f"  {name!r} x{m.count} -> {m.kind.value} ({how})")
            lines += [f"  guessed: {g}" for g in lv.guessed]
            lines += [f"  dropped: {d.what}: {d.why}" for d in lv.dropped]
            lines += [f"  stray: {s.what}: {s.why}" for s in lv.stray]
            lines += [f"  warning: {w}" for w in lv.warnings]
            lines += [f"  default: {d}" for d in lv.defaults]
            lines += [f"  {p.severity}: {p}" for p in lv.problems]
        return "\n".join(lines)


class ImportResult(BaseModel):
    """The imported storeys (in the file's order) and the report."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    levels: dict[str, Plan]
    report: ImportReport


def import_error(code: str, message: str, source: str | None = None) -> PlanError:
    """The one error an importer raises: a PlanError with a single clear problem."""
    return PlanError([Problem(code=code, message=message)], source)
