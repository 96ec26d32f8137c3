"""The floor-plan model: rooms, doors, openings, windows and furniture.

Each feature is a pydantic model whose fields are exactly the feature's
GeoJSON properties (see ``shared/plan-format.md``) plus its ``id`` and its
coordinates. Shapely geometry is derived on demand (``.geometry``), so the
models stay plain data that round-trips losslessly through JSON.
"""

from __future__ import annotations

import math
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, model_validator
from shapely.geometry import LineString, Point, Polygon

__all__ = [
    "RoomKind",
    "View",
    "AcousticFinish",
    "Room",
    "Door",
    "Opening",
    "Window",
    "Furniture",
    "Feature",
    "evolve",
    "Plan",
    "PRIVATE_KINDS",
    "COORDINATE_DECIMALS",
    "DEFAULT_ROOM_HEIGHT",
    "DEFAULT_WALL_SOUND_RATING",
    "DEFAULT_DOOR_SOUND_RATING",
    "DEFAULT_SILL",
    "DEFAULT_HEAD",
    "DEFAULT_LIGHT_TRANSMITTANCE",
    "POT_AREA_M2",
]

#: Coordinates are snapped to 1 mm (plan-format.md, "Tolerances").
COORDINATE_DECIMALS = 3


class RoomKind(str, Enum):
    """The room kinds of the exchange format."""

    entrance = "entrance"
    reception = "reception"
    waiting = "waiting"
    quiet_nook = "quiet_nook"
    green_area = "green_area"
    meeting_room = "meeting_room"
    group_room = "group_room"
    job_search = "job_search"
    open_office = "open_office"
    staff_room = "staff_room"
    corridor = "corridor"
    wc = "wc"
    wc_accessible = "wc_accessible"
    play_area = "play_area"
    storage = "storage"
    stairs = "stairs"
    lift = "lift"
    #: An imported room nothing in its source speaks for: to be reviewed (not public unless marked so).
    unknown = "unknown"


class View(str, Enum):
    """What a window looks out on."""

    green = "green"
    street = "street"
    courtyard = "courtyard"
    none = "none"


class AcousticFinish(str, Enum):
    """How much sound a room's surfaces absorb (plan-format.md, room ``acoustic_finish``)."""

    hard = "hard"  # bare plaster, concrete, glass
    standard = "standard"  # a class C ceiling, carpet or lino
    absorbent = "absorbent"  # a class A ceiling plus wall panels


# Defaults of the physical properties (plan-format.md): old plans that give
# none of them read as an ordinary office building of today.
#: Clear ceiling height, m.
DEFAULT_ROOM_HEIGHT = 2.7
#: R'w of a room's walls to its neighbours, dB (a light double-plated partition).
DEFAULT_WALL_SOUND_RATING = 44.0
#: Rw of a closed door, dB (an ordinary leaf without seals).
DEFAULT_DOOR_SOUND_RATING = 25.0
#: Height of a window's glass above the floor, lower and upper edge, m.
DEFAULT_SILL, DEFAULT_HEAD = 0.9, 2.1
#: Light transmittance of the glazing (ordinary double glazing).
DEFAULT_LIGHT_TRANSMITTANCE = 0.7
#: Floor area a plant drawn as a Point covers: one pot (plan-format.md).
POT_AREA_M2 = 0.25

_Metres = Annotated[float, Field(allow_inf_nan=False)]

#: Kinds that are not public unless a room says otherwise.
PRIVATE_KINDS = frozenset({RoomKind.staff_room, RoomKind.storage, RoomKind.open_office, RoomKind.unknown})


def _snap(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"coordinate {value!r} is not a finite number")
    return round(value, COORDINATE_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


Coordinate = Annotated[float, Field(allow_inf_nan=True), AfterValidator(_snap)]
XY = tuple[Coordinate, Coordinate]


def _check_ring(ring: list[XY]) -> list[XY]:
    if len(ring) < 4:
        raise ValueError(f"a polygon ring needs at least 4 positions (first = last), got {len(ring)}")
    if ring[0] != ring[-1]:
        raise ValueError("a polygon ring must be closed (its first and last positions equal)")
    return ring


Ring = Annotated[list[XY], AfterValidator(_check_ring)]


def _check_segment(points: list[XY]) -> list[XY]:
    if len(points) != 2:
        raise ValueError(f"a door, opening or window is a LineString of exactly 2 points, got {len(points)}")
    if points[0] == points[1]:
        raise ValueError("the two end points are the same point (zero length)")
    return points


Segment = Annotated[list[XY], AfterValidator(_check_segment)]


class _FeatureBase(BaseModel):
    """What every feature has: a unique id and properties kept losslessly."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    id: Annotated[str, Field(min_length=1)]
    extra: dict[str, Any] = Field(default_factory=dict, description="properties this format does not define, kept as read")


class Room(_FeatureBase):
    """A room: a polygon with a kind, a name and who uses it."""

    feature: Literal["room"] = "room"
    kind: RoomKind
    name: str = ""
    capacity: NonNegativeInt | None = None
    public: bool | None = None
    level: float = 0.0
    height: Annotated[_Metres, Field(gt=0, le=100)] = Field(default=DEFAULT_ROOM_HEIGHT, description="clear ceiling height, m")
    acoustic_finish: AcousticFinish = AcousticFinish.standard
    wall_sound_rating: Annotated[_Metres, Field(ge=0, le=100)] = Field(
        default=DEFAULT_WALL_SOUND_RATING, description="R'w of the room's walls to its neighbours, dB")
    rings: list[Ring] = Field(description="exterior ring first, then holes")

    @cached_property
    def geometry(self) -> Polygon:
        return Polygon(self.rings[0], self.rings[1:])

    @property
    def is_public(self) -> bool:
        """Whether citizens use the room: the explicit flag, else by kind."""
        if self.public is not None:
            return self.public
        return self.kind not in PRIVATE_KINDS

    @property
    def label(self) -> str:
        return self.name or self.id


class _SegmentFeature(_FeatureBase):
    points: Segment

    @cached_property
    def geometry(self) -> LineString:
        return LineString(self.points)

    @property
    def length(self) -> float:
        return self.geometry.length

    @property
    def midpoint(self) -> Point:
        return self.geometry.interpolate(0.5, normalized=True)


class Door(_SegmentFeature):
    """A door leaf's opening, drawn on the wall segment it sits in."""

    feature: Literal["door"] = "door"
    clear_width: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    threshold_mm: NonNegativeFloat = 0.0
    entrance: bool = False
    automatic: bool = False
    sound_rating: Annotated[_Metres, Field(ge=0, le=100)] = Field(default=DEFAULT_DOOR_SOUND_RATING, description="Rw of the closed door, dB")

    @property
    def width(self) -> float:
        """Clear opening in metres: the given clear width, else the drawn length."""
        return self.clear_width if self.clear_width is not None else self.length


class Opening(_SegmentFeature):
    """A wall-less passage between two rooms (open plan)."""

    feature: Literal["opening"] = "opening"


class Window(_SegmentFeature):
    """A glazed part of a room's exterior boundary."""

    feature: Literal["window"] = "window"
    view: View | None = None
    sill: Annotated[_Metres, Field(ge=0, le=100)] = Field(default=DEFAULT_SILL, description="height of the glass's lower edge above the floor, m")
    head: Annotated[_Metres, Field(gt=0, le=100)] = Field(default=DEFAULT_HEAD, description="height of the glass's upper edge, m")
    light_transmittance: Annotated[_Metres, Field(gt=0, le=1)] = Field(
        default=DEFAULT_LIGHT_TRANSMITTANCE, description="of the glazing, 0-1")

    @model_validator(mode="after")
    def _head_above_sill(self) -> Window:
        if self.head <= self.sill:
            raise ValueError(f"the window's head ({self.head:g} m) must be above its sill ({self.sill:g} m)")
        return self

    @property
    def glass_height(self) -> float:
        return self.head - self.sill

    @property
    def glass_area(self) -> float:
        """m²: the segment's length × (head − sill), as plan-format.md defines it."""
        return self.length * self.glass_height


class Furniture(_FeatureBase):
    """A plant, seat, counter, table, screen ...: a polygon or a point."""

    feature: Literal["furniture"] = "furniture"
    type: Annotated[str, Field(min_length=1)]
    point: XY | None = None
    rings: list[Ring] | None = None

    def model_post_init(self, __context: Any) -> None:
        if (self.point is None) == (self.rings is None):
            raise ValueError("furniture is either a Point or a Polygon")

    @cached_property
    def geometry(self) -> Point | Polygon:
        if self.point is not None:
            return Point(self.point)
        assert self.rings is not None
        return Polygon(self.rings[0], self.rings[1:])

    @property
    def is_obstacle(self) -> bool:
        """Polygon furniture blocks a wheelchair (plan-format.md)."""
        return self.rings is not None

    @property
    def is_plant(self) -> bool:
        return self.type == "plant"

    @property
    def covered_area(self) -> float:
        """m² of floor it covers: its polygon's area, or one pot (0.25 m²) for a Point."""
        return POT_AREA_M2 if self.point is not None else float(self.geometry.area)


Feature = Room | Door | Opening | Window | Furniture
#: Any one kind of feature, so ``evolve`` gives back the kind it was given.
AnyFeature = TypeVar("AnyFeature", bound=Feature)


def evolve(feature: AnyFeature, **changes: Any) -> AnyFeature:
    """A validated copy of a feature with some fields changed.

    ``model_copy`` would keep the cached geometry of the original, so a moved
    feature is rebuilt from its data instead.
    """
    return cast(AnyFeature, type(feature).model_validate({**feature.model_dump(), **changes}))


class Plan(BaseModel):
    """A floor plan: one storey of features in a local metric frame."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = ""
    units: Literal["m"] = "m"
    rooms: tuple[Room, ...] = ()
    doors: tuple[Door, ...] = ()
    openings: tuple[Opening, ...] = ()
    windows: tuple[Window, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    extra: dict[str, Any] = Field(default_factory=dict, description="top-level foreign members kept as read")

    def __hash__(self) -> int:
        # Identity hash: plans are immutable, and derived data (topology,
        # scores) is cached per plan object. Equal plans built separately
        # merely miss each other's cache entries.
        return id(self)

    @property
    def features(self) -> tuple[Feature, ...]:
        return (*self.rooms, *self.doors, *self.openings, *self.windows, *self.furniture)

    @cached_property
    def by_id(self) -> dict[str, Feature]:
        """Features by id (the last one wins where ids repeat; validation reports that)."""
        return {f.id: f for f in self.features}

    def get(self, feature_id: str) -> Feature | None:
        return self.by_id.get(feature_id)

    def room(self, room_id: str) -> Room:
        feature = self.by_id.get(room_id)
        if not isinstance(feature, Room):
            raise KeyError(f"no room with id {room_id!r}")
        return feature

    def rooms_of_kind(self, *kinds: RoomKind | str) -> list[Room]:
        wanted = {RoomKind(k) for k in kinds}
        return [r for r in self.rooms if r.kind in wanted]

    @property
    def entrances(self) -> list[Door]:
        return [d for d in self.doors if d.entrance]

    @property
    def plants(self) -> list[Furniture]:
        return [f for f in self.furniture if f.is_plant]

    @property
    def floor_area(self) -> float:
        return sum(r.geometry.area for r in self.rooms)

    def replace(self, **changes: Any) -> Plan:
        """A copy with some fields changed (plans are immutable).

        Built anew rather than by ``model_copy``, which would carry over the
        cached ``by_id`` of the old plan.
        """
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self)(**{**fields, **changes})

    def without(self, feature_id: str) -> Plan:
        """A copy without the feature of that id."""
        return self.replace(
            **{
                name: tuple(f for f in getattr(self, name) if f.id != feature_id)
                for name in ("rooms", "doors", "openings", "windows", "furniture")
            }
        )

    def with_feature(self, feature: Feature) -> Plan:
        """A copy with the feature added, or replacing the one of the same id."""
        group = {Room: "rooms", Door: "doors", Opening: "openings", Window: "windows", Furniture: "furniture"}[type(feature)]
        items = list(getattr(self, group))
        for i, existing in enumerate(items):
            if existing.id == feature.id:
                items[i] = feature
                break
        else:
            if feature.id in self.by_id:
                return self.without(feature.id).with_feature(feature)
            items.append(feature)
        return self.replace(**{group: tuple(items)})
