"""Importers on the real third-party plans in ../shared/plans (see its README) and on small hand-made files.

The real files are not part of the repository; tests that need them skip
with a reason when the folder is absent. The IFC tests live in
test_importers_ifc.py (they need the optional ifcopenshell).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from floorplans.importers import ImportOptions, available_levels, classify, detect_format, import_file
from floorplans.importers.kind_map import KIND_RULES, normalise
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from floorplans.topology import rooms_on_segment
from floorplans.validation import validate_plan

REPO = Path(__file__).resolve().parents[1]
PLANS = REPO.parent / "shared" / "plans"
WESTPORT = PLANS / "wrld_westport_house_geojson" / "main.json"
CAD_DXF = PLANS / "wrld_cad_office_dxf" / "cad.dxf"
FLOORSPACE = PLANS / "floorspacejs_nrel" / "largePlan.json"

needs_plans = pytest.mark.skipif(not PLANS.is_dir(), reason=f"the real plans folder {PLANS} is absent")


def _level_ok(plan, level_report) -> None:
    """Every imported level validates or lists its problems, and the report agrees with the plan."""
    problems = validate_plan(plan)
    assert [p.code for p in problems] == [p.code for p in level_report.problems]
    assert level_report.rooms == len(plan.rooms) and level_report.doors == len(plan.doors)
    assert plan.floor_area == pytest.approx(level_report.floor_area_m2, abs=0.01)
    assert not [p for p in problems if p.code in ("invalid-polygon", "self-intersection", "duplicate-id", "wrong-units")]
    # Doors were placed on walls: each lies on one room's outline (exterior) or between two rooms.
    for door in plan.doors:
        assert 1 <= len(rooms_on_segment(plan, door.geometry)) <= 2, door.id


# --------------------------------------------------------------------------- the kind mapping table


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("CONFERENCE RM", RoomKind.meeting_room),
        ("TEAM RM", RoomKind.group_room),
        ("OPEN OFFICE", RoomKind.open_office),
        ("CORRIDOR", RoomKind.corridor),
        ("RESTROOM", RoomKind.wc),
        ("MEN", RoomKind.wc),
        ("WOMENS RR", RoomKind.wc),
        ("STAIR", RoomKind.stairs),
        ("ELEV", RoomKind.lift),
        ("ELEV EQ RM", RoomKind.storage),
        ("VEST/ENTRY", RoomKind.entrance),
        ("BREAK RM", RoomKind.staff_room),
        ("S-3 STORAGE", RoomKind.storage),
        ("MECH RM", RoomKind.storage),
        ("Office", RoomKind.open_office),
        ("PatientRoom", RoomKind.meeting_room),
        ("ExamRoom", RoomKind.meeting_room),
        ("CommonRoom", RoomKind.waiting),
        ("Washroom", RoomKind.wc),
        ("Stairs", RoomKind.stairs),
        ("mødelokale", RoomKind.meeting_room),
        ("Samtalerum 3", RoomKind.meeting_room),
        ("gang", RoomKind.corridor),
        ("Indgang", RoomKind.entrance),
        ("toilet", RoomKind.wc),
        ("HC-toilet", RoomKind.wc_accessible),
        ("restroom.wheelchair", RoomKind.wc_accessible),
        ("Venteområde", RoomKind.waiting),
    ],
)
def test_kind_table_maps_known_names(name: str, kind: RoomKind) -> None:
    found = classify([name])
    assert found is not None and found[0] is kind


def test_kind_table_unknown_names_and_order() -> None:
    assert classify(["NOC"]) is None
    assert classify(["", None, "Unit 4"]) is None
    # The first name a rule knows wins: a long name before a type.
    assert classify(["Meeting Room Large", "room"])[0] is RoomKind.meeting_room
    assert classify([None, "bathroom"])[0] is RoomKind.wc
    # "gang" only as a word: "indgang" is an entrance, not a corridor.
    assert classify(["hovedindgang"])[0] is RoomKind.entrance
    assert normalise("PatientRoom") == "patient room"
    assert all(isinstance(kind, RoomKind) for _, kind in KIND_RULES)


def test_extra_rules_come_first() -> None:
    rules = ((r"\bnoc\b", RoomKind.open_office), (r"corridor", RoomKind.waiting))
    assert classify(["NOC"], rules)[0] is RoomKind.open_office
    assert classify(["CORRIDOR"], rules)[0] is RoomKind.waiting


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_give_one_clear_plan_error(tmp_path: Path) -> None:
    not_dxf = tmp_path / "drawing.dxf"
    not_dxf.write_text("this is not a drawing\n")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello")
    other_json = tmp_path / "data.json"
    other_json.write_text(json.dumps({"rows": [1, 2, 3]}))
    dwg = tmp_path / "plan.dwg"
    dwg.write_bytes(b"AC1032\x00\x00binary")
    cases = {
        not_dxf: ("import-failed", "DXF"),
        empty: ("import-failed", "empty"),
        unknown: ("unsupported-format", "not a DXF, IFC or JSON"),
        other_json: ("unsupported-format", "FloorspaceJS"),
        dwg: ("unsupported-format", "export the drawing as DXF or IFC"),
        tmp_path / "missing.dxf": ("file-unreadable", "no such file"),
        tmp_path: ("unsupported-format", "folder"),
    }
    for path, (code, words) in cases.items():
        with pytest.raises(PlanError) as caught:
            import_file(path)
        assert [p.code for p in caught.value.problems] == [code], path
        assert words in caught.value.one_line(), caught.value.one_line()


def test_dxf_without_usable_geometry(tmp_path: Path) -> None:
    import ezdxf

    doc = ezdxf.new()
    doc.modelspace().add_text("only a label", dxfattribs={"layer": "txt"})
    doc.modelspace().add_line((0, 0), (10, 0), dxfattribs={"layer": "Furniture"})
    path = tmp_path / "labels.dxf"
    doc.saveas(path)
    with pytest.raises(PlanError) as caught:
        import_file(path)
    assert caught.value.problems[0].code == "no-geometry"
    assert "walls" in caught.value.one_line()


def test_dxf_with_room_polylines(tmp_path: Path) -> None:
    """Closed polylines on a room layer are the rooms; labels inside name them; a door block joins them."""
    import ezdxf

    doc = ezdxf.new(units=4)  # mm
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (4000, 0), (4000, 5000), (0, 5000)], close=True, dxfattribs={"layer": "rooms"})
    msp.add_lwpolyline([(4100, 0), (9000, 0), (9000, 5000), (4100, 5000)], close=True, dxfattribs={"layer": "rooms"})
    msp.add_text("Mødelokale", dxfattribs={"layer": "txt", "insert": (1000, 2500)})
    msp.add_text("Venteområde", dxfattribs={"layer": "txt", "insert": (6000, 2500)})
    block = doc.blocks.new("door 900")
    block.add_line((0, 0), (900, 0))
    block.add_arc((0, 0), 900, 0, 90)
    msp.add_blockref("door 900", (4050, 2000), dxfattribs={"layer": "doors", "rotation": 90})
    path = tmp_path / "two_rooms.dxf"
    doc.saveas(path)
    result = import_file(path)
    (name, plan), = result.levels.items()
    kinds = {r.name: r.kind for r in plan.rooms}
    assert kinds == {"Mødelokale": RoomKind.meeting_room, "Venteområde": RoomKind.waiting}
    assert plan.floor_area == pytest.approx(45.0, rel=0.01)  # 4x5 + 4.9x5, the 0.1 m wall split between them
    assert len(plan.doors) == 1
    assert {r.name for r in rooms_on_segment(plan, plan.doors[0].geometry)} == {"Mødelokale", "Venteområde"}
    assert plan.doors[0].clear_width == pytest.approx(0.9)


# --------------------------------------------------------------------------- IMDF (hand-made: no real archive is provided)

_LON, _LAT = 10.2039, 56.1629  # Aarhus
_M_LON = 1 / (111_320 * 0.5565)  # degrees of longitude per metre at this latitude (approx.)
_M_LAT = 1 / 110_574


def _ll(x: float, y: float) -> list[float]:
    return [_LON + x * _M_LON, _LAT + y * _M_LAT]


def _square(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon", "coordinates": [[_ll(x0, y0), _ll(x1, y0), _ll(x1, y1), _ll(x0, y1), _ll(x0, y0)]]}


def _imdf(folder: Path) -> Path:
    folder.mkdir()
    units = [
        ("u1", "lobby", {"en": "Lobby"}, _square(0, 0, 6, 8)),
        ("u2", "room", {"en": "Samtalerum 1"}, _square(6, 0, 10, 4)),
        ("u3", "restroom.wheelchair", None, _square(6, 4, 10, 8)),
        ("u4", "room", {"en": "Unit 4"}, _square(0, 8, 10, 12)),
        ("u5", "room", {"en": "Office 2"}, _square(0, 0, 3, 3)),  # overlaps the lobby (a drawing error)
    ]
    unit_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": uid, "feature_type": "unit", "geometry": geom,
         "properties": {"category": cat, "name": name, "level_id": "L0"}} for uid, cat, name, geom in units
    ] + [{"type": "Feature", "id": "u9", "feature_type": "unit", "geometry": _square(0, 0, 5, 5),
          "properties": {"category": "room", "name": {"en": "Upstairs"}, "level_id": "L1"}}]}
    openings = [
        ("o1", "pedestrian.principal", {"automatic": True}, [_ll(4, 0), _ll(5.2, 0)], "L0"),
        ("o2", "pedestrian", None, [_ll(6, 1), _ll(6, 2)], "L0"),
        ("o3", "pedestrian", None, [_ll(8, 4), _ll(9, 4)], "L0"),
        ("o4", "pedestrian", None, [_ll(4, 8), _ll(5, 8)], "L0"),
        ("o5", "pedestrian", None, [_ll(30, 30), _ll(31, 30)], "L0"),  # nowhere near a wall
    ]
    opening_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": oid, "feature_type": "opening", "geometry": {"type": "LineString", "coordinates": line},
         "properties": {"category": cat, "door": door, "level_id": lvl}} for oid, cat, door, line, lvl in openings
    ]}
    level_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "L1", "feature_type": "level", "geometry": _square(0, 0, 10, 12),
         "properties": {"ordinal": 1, "name": {"en": "First floor"}, "short_name": {"en": "1"}}},
        {"type": "Feature", "id": "L0", "feature_type": "level", "geometry": _square(0, 0, 10, 12),
         "properties": {"ordinal": 0, "name": {"en": "Ground floor"}, "short_name": {"en": "G"}}},
    ]}
    for name, data in (("unit", unit_fc), ("opening", opening_fc), ("level", level_fc)):
        (folder / f"{name}.geojson").write_text(json.dumps(data))
    return folder


def test_imdf_folder_and_zip(tmp_path: Path) -> None:
    folder = _imdf(tmp_path / "venue")
    assert detect_format(folder) == "imdf"
    assert available_levels(folder) == ["G", "1"]
    result = import_file(folder)
    assert list(result.levels) == ["G", "1"]
    plan = result.levels["G"]
    report = result.report.level("G")
    kinds = {r.name or r.kind.value: r.kind for r in plan.rooms}
    assert kinds["Lobby"] is RoomKind.entrance
    assert kinds["Samtalerum 1"] is RoomKind.meeting_room
    assert kinds["wc_accessible"] is RoomKind.wc_accessible  # unnamed, mapped by its category
    assert kinds["Unit 4"] is RoomKind.storage  # unknown name: the default kind, listed as unknown
    assert report.unknown_names == ["Unit 4"]
    assert plan.floor_area == pytest.approx(120, rel=0.02)  # metres after projection (the test's degrees are approximate)
    # The overlap went to the smaller room and was reported.
    assert any("overlapped" in w for w in report.warnings)
    # Openings became doors on the walls they sit in; the principal one is the entrance.
    assert len(plan.doors) == 4
    entrance = plan.entrances
    assert len(entrance) == 1 and entrance[0].automatic
    assert [r.name for r in rooms_on_segment(plan, entrance[0].geometry)] == ["Lobby"]
    assert any("opening o5" in d.what for d in report.dropped)
    _level_ok(plan, report)
    assert not [p for p in report.problems if p.severity == "error"], report.problems

    archive = tmp_path / "venue.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, f"venue/{file.name}")
    zipped = import_file(archive, level="G")
    assert list(zipped.levels) == ["G"]
    assert len(zipped.levels["G"].rooms) == len(plan.rooms)
    with pytest.raises(PlanError, match="no level 'X'"):
        import_file(archive, level="X")


def test_imdf_without_openings_is_refused(tmp_path: Path) -> None:
    folder = _imdf(tmp_path / "venue")
    (folder / "opening.geojson").unlink()
    with pytest.raises(PlanError) as caught:
        import_file(folder)
    assert caught.value.problems[0].code == "unsupported-format"


def test_options_change_the_default_kind(tmp_path: Path) -> None:
    folder = _imdf(tmp_path / "venue")
    result = import_file(folder, level="G", options=ImportOptions(default_kind=RoomKind.group_room))
    assert {r.name: r.kind for r in result.levels["G"].rooms}["Unit 4"] is RoomKind.group_room


# --------------------------------------------------------------------------- WRLD: Westport House


@pytest.fixture(scope="module")
def westport():
    if not WESTPORT.is_file():
        pytest.skip(f"{WESTPORT} is absent")
    return import_file(WESTPORT)


@needs_plans
def test_westport_every_level(westport) -> None:
    assert list(westport.levels) == ["G", "1", "2", "3", "4", "5", "6"]
    expected = {"G": 30, "1": 12, "2": 25, "3": 56, "4": 98, "5": 12, "6": 11}  # README, outline − walls − doors
    for name, plan in westport.levels.items():
        report = westport.report.level(name)
        between_walls = report.counts["spaces_between_walls"]
        assert abs(between_walls - expected[name]) <= max(2, 0.1 * expected[name]), (name, between_walls)
        # Typed spaces drawn inside a larger space (stairs, lifts, named rooms) are carved out as rooms of their own.
        assert report.counts["carved_typed_spaces"] >= 0
        assert between_walls <= len(plan.rooms) <= 1.35 * between_walls + 2
        _level_ok(plan, westport.report.level(name))
        # Rooms tile the outline without overlaps; upper floors have no outside door: one arrives by lift or stairs.
        errors = {p.code for p in report.problems if p.severity == "error"}
        assert not errors, (name, report.problems)
        arrival = [p for p in report.problems if p.code == "arrival-by-lift-or-stairs"]
        assert bool(arrival) == (name != "G"), (name, arrival)
        assert plan.doors, name
        assert plan.windows, name
        minx, miny, maxx, maxy = plan.rooms[0].geometry.bounds
        assert maxx - minx < 200 and maxy - miny < 200  # metres, not degrees


@needs_plans
def test_westport_names_and_types_map(westport) -> None:
    level2 = westport.levels["2"]
    by_name = {r.name: r.kind for r in level2.rooms if r.name}
    assert by_name.get("Meeting Room Large") is RoomKind.meeting_room
    assert RoomKind.wc in {r.kind for r in level2.rooms}
    ground = westport.report.level("G")
    assert ground.mapped["stairs"].kind is RoomKind.stairs
    assert ground.mapped["elevator"].kind is RoomKind.lift
    # The ground floor has a door in its outline: one is guessed as the entrance and said so.
    assert len(westport.levels["G"].entrances) == 1
    assert not [p for p in ground.problems if p.severity == "error"], ground.problems
    assert any("public entrance" in g for g in ground.guessed)


@needs_plans
def test_westport_level_selection() -> None:
    assert available_levels(WESTPORT) == ["G", "1", "2", "3", "4", "5", "6"]
    result = import_file(WESTPORT, level="6")
    assert list(result.levels) == ["6"]
    with pytest.raises(PlanError, match="the levels are G, 1"):
        import_file(WESTPORT, level="7")


# --------------------------------------------------------------------------- DXF: the CAD office


@pytest.fixture(scope="module")
def cad_office():
    if not CAD_DXF.is_file():
        pytest.skip(f"{CAD_DXF} is absent")
    return import_file(CAD_DXF)


@needs_plans
def test_dxf_office_rooms_doors_and_stray_hatch(cad_office) -> None:
    (name, plan), = cad_office.levels.items()
    report = cad_office.report.level(name)
    # README: about 15 rooms in a 1,162 m² footprint (open-plan areas stay one room).
    assert 12 <= len(plan.rooms) <= 24
    assert plan.floor_area == pytest.approx(1162, rel=0.03)
    assert 800 <= report.source_area_m2 <= 1100  # the rooms between the walls, before they are grown into them
    # 25 door blocks named door*, plus door-sized blocks guessed; most land on a wall.
    assert len(plan.doors) >= 15
    assert len(plan.windows) >= 40  # of 51 window blocks
    # The 52 m x 1.1 m hatch crossing the plan is recognised as stray, not as a wall.
    assert len(report.stray) == 1
    x0, y0, x1, y1 = report.stray[0].bounds
    assert x1 - x0 > 45 and "52.0 m" in report.stray[0].why
    # No room is cut by it: none is a long thin diagonal sliver.
    assert all(r.geometry.area > 1.0 for r in plan.rooms)
    _level_ok(plan, report)
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    assert any("derived from the walls" in g for g in report.guessed)
    # The annex holds the labels W, M and D (toilet doors without walls on the chosen layers): they
    # disagree on a kind, so the room keeps the default kind instead of becoming one big WC.
    assert report.mapped["W M D"].rule is None and "W M D" in report.unknown_names
    assert plan.entrances  # a plausible exterior door is marked, and reported as a guess
    assert any("public entrance" in g for g in report.guessed)


def test_dxf_layer_choices_are_options(tmp_path: Path) -> None:
    """Rooms come from the layers the options name; with the room layer unchosen there is nothing to read."""
    import ezdxf

    doc = ezdxf.new(units=6)  # metres
    doc.modelspace().add_lwpolyline([(0, 0), (6, 0), (6, 4), (0, 4)], close=True, dxfattribs={"layer": "RUM-POLYGON"})
    path = tmp_path / "rum.dxf"
    doc.saveas(path)
    with pytest.raises(PlanError) as caught:
        import_file(path)
    assert caught.value.problems[0].code == "no-geometry"
    result = import_file(path, options=ImportOptions(dxf_room_layers=("rum-polygon",)))
    (plan,) = result.levels.values()
    assert len(plan.rooms) == 1 and plan.floor_area == pytest.approx(24.0)
    assert result.report.levels[0].unknown_names == ["(unnamed)"]


# --------------------------------------------------------------------------- FloorspaceJS


@pytest.fixture(scope="module")
def floorspace():
    if not FLOORSPACE.is_file():
        pytest.skip(f"{FLOORSPACE} is absent")
    return import_file(FLOORSPACE)


@needs_plans
def test_floorspace_three_floors(floorspace) -> None:
    assert list(floorspace.levels)[:3] == ["L0", "L1", "L2"]
    expected = {"L0": (215, 17_240), "L1": (203, 16_917), "L2": (196, 15_375)}  # README: spaces with a face, m²
    for name, (spaces, area) in expected.items():
        plan = floorspace.levels[name]
        report = floorspace.report.level(name)
        empty_faces = sum(1 for d in report.dropped if "no edges" in d.why)
        assert len(plan.rooms) + empty_faces == spaces, name
        assert plan.floor_area == pytest.approx(area, rel=0.005), name
        assert len(plan.windows) == 21
        _level_ok(plan, report)
        codes = {p.code for p in report.problems if p.severity == "error"}
        assert codes <= {"island-room"}, codes  # faces tile: no overlaps, no broken polygons; stairs are the way in
        kinds = {r.kind for r in plan.rooms}
        assert {RoomKind.open_office, RoomKind.corridor, RoomKind.wc, RoomKind.stairs} <= kinds
    mapped = floorspace.report.level("L0").mapped
    assert mapped  # source names listed with their kinds


# --------------------------------------------------------------------------- CLI and scoring


@needs_plans
def test_cli_import_writes_a_plan(tmp_path: Path) -> None:
    from floorplans.cli import main
    from floorplans.geojson_io import read_plan

    out = tmp_path / "level6.geojson"
    assert main(["import", str(WESTPORT), "--level", "6", "-o", str(out)]) == 0
    plan = read_plan(out)
    assert len(plan.rooms) >= 8 and plan.extra.get("level") == "6"


@needs_plans
def test_cli_import_prints_its_report_and_imports_the_first_level_only(tmp_path: Path, capsys) -> None:
    from floorplans.cli import main
    from floorplans.geojson_io import read_plan

    out = tmp_path / "cad.geojson"
    assert main(["import", str(CAD_DXF), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "stray: a solid hatch on layer 'wall'" in printed and "dropped:" in printed
    assert printed.strip().splitlines()[-1].startswith(f"wrote {out}: level 'cad', {len(read_plan(out).rooms)} rooms")
    quiet = tmp_path / "ground.geojson"
    assert main(["import", str(WESTPORT), "-o", str(quiet), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "stray" not in printed and "level 'G'" in printed and len(printed.strip().splitlines()) == 1
    assert read_plan(quiet).extra.get("level") == "G"


def test_cli_import_bad_file_exits_2(tmp_path: Path, capsys) -> None:
    from floorplans.cli import main

    bad = tmp_path / "bad.dxf"
    bad.write_text("nope")
    assert main(["import", str(bad), "-o", str(tmp_path / "out.geojson")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DXF" in err[0]


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("text", [DEEP, '{"type": "FeatureCollection", "features": ' + DEEP + "}"])
def test_deeply_nested_json_is_one_clear_plan_error(tmp_path: Path, text: str) -> None:
    deep = tmp_path / "deep.geojson"
    deep.write_text(text)
    for call in (import_file, available_levels, detect_format):
        with pytest.raises(PlanError) as caught:
            call(deep)
        assert [p.code for p in caught.value.problems] == ["unsupported-format"]
        assert "nested too deeply" in caught.value.one_line()


def test_deeply_nested_wrld_main_json_is_one_clear_plan_error(tmp_path: Path) -> None:
    """A folder is detected as WRLD without reading main.json; the level list must still fail cleanly."""
    (tmp_path / "main.json").write_text(DEEP)
    for call in (import_file, available_levels):
        with pytest.raises(PlanError) as caught:
            call(tmp_path)
        assert "nested too deeply" in caught.value.one_line()


@pytest.mark.parametrize("extra", [[], ["--list-levels"]])
def test_cli_import_deeply_nested_json_exits_2_with_one_line(tmp_path: Path, capsys, extra: list[str]) -> None:
    from floorplans.cli import main

    deep = tmp_path / "deep.geojson"
    deep.write_text(DEEP)
    assert main(["import", str(deep), "-o", str(tmp_path / "out.geojson"), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nested too deeply" in err[0] and str(deep) in err[0]


def test_imported_plan_with_a_bowtie_room_lists_the_problem(tmp_path: Path) -> None:
    """A plan in the exchange format with a self-intersecting room imports, and its report names the room."""
    from .factory import collection, door, room

    bow = {"type": "Feature", "id": "bow", "properties": {"feature": "room", "kind": "waiting"},
           "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]}}
    path = tmp_path / "bow.geojson"
    path.write_text(json.dumps(collection(room("hall", "entrance", (4, 0, 8, 4)), bow, door("d", (5, 0), (6, 0), entrance=True))))
    result = import_file(path)
    problems = result.report.levels[0].problems
    assert ("self-intersection", "bow") in {(p.code, p.feature_id) for p in problems}


@needs_plans
def test_every_imported_level_scores(westport, cad_office, floorspace) -> None:
    """Each level of each real file goes through the scoring engine with every criterion evaluated."""
    engine = pytest.importorskip("scoring.engine", reason="the scoring engine is not installed")
    for result in (westport, cad_office, floorspace):
        for name, plan in result.levels.items():
            report = engine.score_plan(plan)
            failed = [c.id for c in report.criteria if engine.NOT_EVALUATED in (c.detail or "")]
            assert not failed, (result.report.format, name, failed)
            assert 0 <= report.calmness <= 100 and 0 <= report.accessibility <= 100


def test_ifc_without_the_optional_extra_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    from floorplans.importers import ifc

    monkeypatch.setattr(ifc, "ifc_available", lambda: False)
    model = tmp_path / "model.ifc"
    model.write_text("ISO-10303-21;\nEND-ISO-10303-21;\n")
    with pytest.raises(PlanError) as caught:
        import_file(model)
    assert caught.value.problems[0].code == "missing-dependency"
    assert "requirements-ifc.txt" in caught.value.one_line()
