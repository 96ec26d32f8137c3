"""Daylight physics by hand: BR18's glass-area rule, the BRE average daylight factor, EN 17037 sight angles,
and (with the optional pyradiance) a traced daylight-factor map against the BRE average on a simple room."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import box

from floorplans.model import Window
from scoring.daylight import (
    GLASS_RULE,
    average_daylight_factor,
    corrected_glass_area,
    glass_above,
    room_daylight,
    sight_angle,
    sky_angle,
)
from scoring.daylight.view import at_eye_height
from tests.scoring.plans import make_plan, rect


def _window(a, b, **kw) -> Window:
    return Window(id=kw.pop("id", "w"), points=[a, b], **kw)


# --------------------------------------------------------------------------- BR18 §379 glass area


def test_glass_ratio_of_a_meeting_room_by_hand() -> None:
    # 4 × 4.5 m room (18 m²), a 2 m window of default 0.9–2.1 m glass, LT 0.7:
    # glass 2 × 1.2 = 2.4 m²; corrected 2.4 × 0.7 / 0.75 = 2.24 m²; ratio 2.24 / 18 = 12.4 %.
    w = _window((0, 4.5), (2, 4.5))
    d = room_daylight("m", [w], 18.0, 17.0, 2.7)
    assert d.glass_area == pytest.approx(2.4)
    assert d.corrected_glass == pytest.approx(2.24)
    assert d.glass_ratio == pytest.approx(2.24 / 18)
    assert d.meets_glass_rule


def test_light_transmittance_below_075_counts_in_proportion_and_above_it_does_not_add() -> None:
    clear = _window((0, 0), (2, 0), light_transmittance=0.8)
    tinted = _window((0, 0), (2, 0), light_transmittance=0.375)
    assert corrected_glass_area(clear) == pytest.approx(2.4)  # no bonus above the rule's 0.75
    assert corrected_glass_area(tinted) == pytest.approx(1.2)  # half the reference transmittance: half the glass


def test_slit_windows_fail_the_glass_rule_that_full_windows_pass() -> None:
    full = [_window((x, 6), (x + 1.8, 6), id=f"w{x}") for x in (0.5, 2.7)]
    slits = [_window((x, 6), (x + 1.8, 6), id=f"w{x}", sill=2.05, head=2.10) for x in (0.5, 2.7)]
    room = dict(floor_area=30.0, perimeter=22.0, height=2.7)
    assert room_daylight("r", full, **room).glass_ratio >= GLASS_RULE
    slit = room_daylight("r", slits, **room)
    assert slit.glass_ratio == pytest.approx(2 * 1.8 * 0.05 * 0.7 / 0.75 / 30)
    assert not slit.meets_glass_rule


# --------------------------------------------------------------------------- BRE average daylight factor


def test_average_daylight_factor_by_hand() -> None:
    # 5 × 6 × 2.7 m room; 4 m window 0.9–2.1 m, LT 0.7, unobstructed (θ = 90°):
    # A = 2·30 + 22·2.7 = 119.4 m²; DF = 0.7·4.8·90 / (119.4·(1 − 0.25)) = 3.377 %.
    w = _window((0.5, 6), (4.5, 6), extra={"obstruction_angle": 0})
    assert sky_angle(w) == 90.0
    assert average_daylight_factor([w], 30.0, 22.0, 2.7) == pytest.approx(0.7 * 4.8 * 90 / (119.4 * 0.75))


def test_glass_below_the_working_plane_adds_no_daylight_factor() -> None:
    low = _window((0, 0), (2, 0), sill=0.0, head=2.1)
    high = _window((0, 0), (2, 0), sill=0.85, head=2.1)
    assert glass_above(low) == pytest.approx(glass_above(high)) == pytest.approx(2 * 1.25)
    assert low.glass_area > high.glass_area


def test_courtyard_sees_less_sky_than_a_green_view() -> None:
    green = _window((0, 0), (2, 0), view="green")
    yard = _window((0, 0), (2, 0), view="courtyard")
    assert sky_angle(green) > sky_angle(yard)
    assert average_daylight_factor([green], 20, 18, 2.7) > average_daylight_factor([yard], 20, 18, 2.7)


# --------------------------------------------------------------------------- EN 17037 horizontal sight angle


def test_sight_angle_of_a_window_straight_ahead_by_hand() -> None:
    # A seat 3 m from a 4 m window centred on it sees 2·atan(2/3) = 67.4°.
    w = _window((0.5, 6), (4.5, 6))
    assert sight_angle((2.5, 3), box(0, 0, 5, 6), [w]) == pytest.approx(2 * math.degrees(math.atan(2 / 3)))


def test_a_wall_hiding_part_of_the_window_narrows_the_angle() -> None:
    # An L-shaped room: from (1, 1) the corner at (3, 4) hides the window's part east of x ≈ 3.7.
    from floorplans.model import Room, RoomKind
    from scoring.visibility import isovist

    ring = [(0, 0), (3, 0), (3, 4), (6, 4), (6, 6), (0, 6), (0, 0)]
    w = _window((0, 6), (6, 6))
    plan = make_plan(Room(id="l", kind=RoomKind.waiting, rings=[ring]), w)
    iso = isovist(plan, (1, 1))
    seen = sight_angle((1, 1), iso.polygon, [w])
    # visible: x from 0 to where the sight line over the corner (3, 4) meets y = 6, x = 1 + 2·5/3
    expected = math.degrees(math.atan2(5, 0 - 1) - math.atan2(5, 2 * 5 / 3))
    assert seen == pytest.approx(expected, abs=0.5)
    assert seen < sight_angle((1, 1), box(0, 0, 6, 6), [w])


def test_two_panes_in_the_same_direction_are_not_counted_twice() -> None:
    near = _window((2, 6), (3, 6), id="a")
    same = _window((2, 6), (3, 6), id="b")
    iso = box(0, 0, 5, 6)
    assert sight_angle((2.5, 3), iso, [near, same]) == pytest.approx(sight_angle((2.5, 3), iso, [near]))


def test_only_glass_at_seated_eye_height_gives_a_view() -> None:
    assert at_eye_height(_window((0, 0), (2, 0)))
    assert not at_eye_height(_window((0, 0), (2, 0), sill=2.05, head=2.10))  # a slit under the ceiling
    assert not at_eye_height(_window((0, 0), (2, 0), sill=0.0, head=0.6))  # a low light
    assert not at_eye_height(_window((0, 0), (2, 0), view="none"))


# --------------------------------------------------------------------------- Radiance (optional)


def test_radiance_mean_daylight_factor_agrees_with_the_bre_average() -> None:
    pytest.importorskip("pyradiance", reason="the optional daylight extra is not installed (requirements-daylight.txt)")
    from scoring.daylight.radiance import DRAFT_PARAMS as quick
    from scoring.daylight.radiance import daylight_map
    w = _window((0.5, 6), (4.5, 6), extra={"obstruction_angle": 0})
    narrow = _window((1.5, 6), (3.5, 6), extra={"obstruction_angle": 0})
    room = rect("r", "meeting_room", 0, 0, 5, 6)
    traced = daylight_map(make_plan(room, w), grid=1.0, params=quick).room_mean("r")
    bre = average_daylight_factor([w], 30.0, 22.0, 2.7)
    assert traced == pytest.approx(bre, rel=0.35)  # the BRE formula is a design estimate of the mean
    half = daylight_map(make_plan(room, narrow), grid=1.0, params=quick).room_mean("r")
    assert 0.35 < half / traced < 0.65  # half the glass, about half the light


# --------------------------------------------------------------------------- the command line


def test_daylight_command_prints_each_room_by_hand(tmp_path, capsys) -> None:
    import json

    from scoring.cli import main
    from tests.factory import two_rooms

    path = tmp_path / "two.geojson"
    path.write_text(json.dumps(two_rooms()), encoding="utf-8")
    assert main(["daylight", str(path)]) == 0
    out = capsys.readouterr().out
    # the waiting room: 5 × 4 m, a 2 m green window 0.9–2.1 m (2.4 m², corrected 2.24 m², 11.2 %)
    row = next(line for line in out.splitlines() if line.startswith("Venteområde"))
    assert row.split()[1:6] == ["20.0", "2.40", "2.24", "11.2%", "yes"]
    assert main(["daylight", str(path), "--grid", "0"]) == 2
    assert "--grid" in capsys.readouterr().err
    assert main(["daylight", str(tmp_path / "missing.geojson")]) == 2


def test_daylight_map_is_drawn(tmp_path, capsys) -> None:
    pytest.importorskip("pyradiance", reason="the optional daylight extra is not installed (requirements-daylight.txt)")
    import json

    from scoring.cli import main
    from tests.factory import two_rooms

    path = tmp_path / "two.geojson"
    path.write_text(json.dumps(two_rooms()), encoding="utf-8")
    png = tmp_path / "map.png"
    assert main(["daylight", str(path), "-o", str(png), "--grid", "1", "--draft"]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Venteområde"))
    traced = float(row.split()[-1].rstrip("%"))
    assert 0.3 < traced < 10  # a lit room, not a dark box nor an open field
