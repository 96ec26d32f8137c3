"""Sound absorption of room surfaces per finish class, in octave bands 125 Hz – 4 kHz.

The coefficients are random-incidence absorption coefficients from the
material database of pyroomacoustics (``pyroomacoustics/data/materials.json``,
LCAV/pyroomacoustics, which collects them from Vorländer, *Auralization*,
Springer 2008, Appendix A). Each finish class of the plan format
(``hard``, ``standard``, ``absorbent``; shared/plan-format.md) is one set of
materials for ceiling, walls and floor:

* ``hard``: bare plaster or concrete walls and soffit, lino floor;
* ``standard``: a class C suspended ceiling (fissured mineral tile,
  αw = 0.65 by EN ISO 11654), plasterboard walls, lino floor;
* ``absorbent``: a class A suspended ceiling (mineral-fibre absorber,
  αw = 1.00) plus fabric-covered wall panels on a quarter of the walls.

``weighted_absorption`` rates a material by EN ISO 11654:1997 (the reference
curve shifted in 0.05 steps until the unfavourable deviations sum to at most
0.10; αw is the shifted curve at 500 Hz), and ``absorption_class`` gives its
class A–E, so a test can check that the "class C" and "class A" ceilings are
what the plan format says they are.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BANDS",
    "DEFAULT_FINISH",
    "FINISHES",
    "MATERIALS",
    "Finish",
    "Material",
    "Spectrum",
    "absorption_class",
    "finish",
    "practical_absorption",
    "surface_absorption",
    "weighted_absorption",
]

#: Octave-band centre frequencies (Hz) of every spectrum in this package.
BANDS: tuple[int, ...] = (125, 250, 500, 1000, 2000, 4000)
#: One value per band of ``BANDS``.
Spectrum = tuple[float, ...]

_PRA = "pyroomacoustics materials database (after Vorländer, Auralization, 2008, App. A)"


@dataclass(frozen=True)
class Material:
    """A surface material: its absorption coefficient in each octave band and where the numbers come from."""

    key: str
    description: str
    alpha: Spectrum
    source: str = _PRA


MATERIALS: dict[str, Material] = {
    m.key: m
    for m in (
        Material("hard_surface", "walls, hard surfaces average (brick, plaster, hard floors)", (0.02, 0.02, 0.03, 0.03, 0.04, 0.05)),
        Material("plasterboard", "2 × 13 mm plasterboard on steel frame, mineral wool in the cavity, painted", (0.15, 0.10, 0.06, 0.04, 0.04, 0.05)),
        Material("linoleum_on_concrete", "linoleum, rubber or cork tile on concrete", (0.02, 0.03, 0.03, 0.03, 0.03, 0.02)),
        Material("ceiling_fissured_tile", "fissured mineral ceiling tile (EN ISO 11654 class C)", (0.49, 0.53, 0.53, 0.75, 0.92, 0.99)),
        Material("ceiling_fibre_absorber", "fibre absorber on perforated sheet metal, 200 mm cavity (EN ISO 11654 class A)",
                 (0.48, 0.97, 1.00, 0.97, 1.00, 1.00)),
        Material("panel_fabric_covered_8pcf", "fabric-covered wall panel, 8 pcf rockwool core", (0.21, 0.66, 1.00, 1.00, 0.97, 0.98)),
        Material("chairs_upholstered_moderate", "unoccupied, moderately upholstered chairs, per m² of seating area (2 seats per m²)",
                 (0.44, 0.56, 0.67, 0.74, 0.83, 0.87)),
    )
}
#: Seating area per seat (m²): the database's chairs are rated per m² at 2 seats per m².
SEAT_AREA = 0.5


@dataclass(frozen=True)
class Finish:
    """A finish class: the materials of a room's ceiling, walls and floor."""

    name: str
    ceiling: Material
    walls: Material
    floor: Material
    wall_panels: Material | None = None
    panel_share: float = 0.0  # share of the wall area covered by the panels

    def wall_alpha(self) -> Spectrum:
        """Absorption coefficient of the walls, panels included by their share of the wall area."""
        if self.wall_panels is None or self.panel_share <= 0:
            return self.walls.alpha
        s = self.panel_share
        return tuple((1 - s) * a + s * p for a, p in zip(self.walls.alpha, self.wall_panels.alpha, strict=True))


FINISHES: dict[str, Finish] = {
    "hard": Finish("hard", MATERIALS["hard_surface"], MATERIALS["hard_surface"], MATERIALS["linoleum_on_concrete"]),
    "standard": Finish("standard", MATERIALS["ceiling_fissured_tile"], MATERIALS["plasterboard"], MATERIALS["linoleum_on_concrete"]),
    "absorbent": Finish("absorbent", MATERIALS["ceiling_fibre_absorber"], MATERIALS["plasterboard"], MATERIALS["linoleum_on_concrete"],
                        wall_panels=MATERIALS["panel_fabric_covered_8pcf"], panel_share=0.25),
}
DEFAULT_FINISH = "standard"


def finish(name: str | None) -> Finish:
    """The finish class of that name (the default, ``standard``, for None); ValueError names the choices."""
    key = DEFAULT_FINISH if name is None else str(getattr(name, "value", name))
    try:
        return FINISHES[key]
    except KeyError:
        raise ValueError(f"unknown acoustic finish {name!r}; choose one of {', '.join(FINISHES)}") from None


def surface_absorption(floor_area: float, wall_area: float, fin: Finish, seats: int = 0) -> Spectrum:
    """Equivalent absorption area A (m², per band) of a room's floor, ceiling (= floor area), walls and seats.

    Seats drawn in the plan count as upholstered chairs (the Danish limits
    apply to furnished rooms); other furniture and people are left out.
    """
    seat_area = seats * SEAT_AREA
    return tuple([floor_area * (c + f) + wall_area * w + seat_area * s for c, f, w, s in _bands(fin)])


_BANDS: dict[int, tuple[Finish, tuple[tuple[float, float, float, float], ...]]] = {}


def _bands(fin: Finish) -> tuple[tuple[float, float, float, float], ...]:
    """(ceiling, floor, wall, chair) α per band of the finish: the panels' share is mixed in once, not per room."""
    hit = _BANDS.get(id(fin))
    if hit is None or hit[0] is not fin:
        chairs = MATERIALS["chairs_upholstered_moderate"].alpha
        hit = _BANDS[id(fin)] = (fin, tuple(zip(fin.ceiling.alpha, fin.floor.alpha, fin.wall_alpha(), chairs, strict=True)))
    return hit[1]


# --- EN ISO 11654: single-number rating of sound absorption --------------------------------------

#: The reference curve at 250, 500, 1000, 2000 and 4000 Hz (EN ISO 11654:1997, 4.2).
_REFERENCE = (0.80, 1.00, 1.00, 1.00, 0.90)
#: Class A–E by αw (EN ISO 11654:1997, Annex B).
_CLASSES = ((0.90, "A"), (0.80, "B"), (0.60, "C"), (0.30, "D"), (0.15, "E"))


def practical_absorption(alpha: float) -> float:
    """The practical absorption coefficient αp: rounded to 0.05 and capped at 1.00 (EN ISO 11654, 4.1)."""
    return min(1.0, round(round(alpha / 0.05) * 0.05, 2))


def weighted_absorption(alpha_250_4000: Spectrum) -> float:
    """αw of a material from its coefficients at 250, 500, 1000, 2000 and 4000 Hz (EN ISO 11654)."""
    if len(alpha_250_4000) != 5:
        raise ValueError("EN ISO 11654 rates the five octave bands 250 Hz to 4 kHz")
    ap = [practical_absorption(a) for a in alpha_250_4000]
    shift = 0.0
    while shift < 1.0 + 1e-9:
        ref = [r - shift for r in _REFERENCE]
        unfavourable = sum(max(0.0, r - a) for r, a in zip(ref, ap, strict=True))
        if unfavourable <= 0.10 + 1e-9:
            return round(1.0 - shift, 2)
        shift += 0.05
    return 0.0


def absorption_class(alpha_w: float) -> str:
    """EN ISO 11654 absorption class A–E, or "not classified" below αw = 0.15."""
    for floor, name in _CLASSES:
        if alpha_w >= floor - 1e-9:
            return name
    return "not classified"
