"""The room-kind vocabulary (vocabulary.toml): names, categories and labels to room kinds, with a confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.importers import classify, read_kind_mapping, vocabulary
from floorplans.importers.kind_map import Evidence, category_kind, decide, mapped_kind, match_name, normalise, words_of
from floorplans.model import RoomKind

K = RoomKind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # The list, Danish.
        ("Indgang", K.entrance), ("Hovedindgang", K.entrance), ("Reception", K.reception),
        ("Venteområde", K.waiting), ("venteværelse", K.waiting), ("Stillerum", K.quiet_nook), ("Stille krog", K.quiet_nook),
        ("Samtalerum 3", K.meeting_room), ("SAMTALERUM", K.meeting_room), ("Mødelokale", K.meeting_room), ("møderum", K.meeting_room),
        ("Grupperum", K.group_room), ("Jobcafé", K.job_search), ("Kontor", K.open_office), ("Storrumskontor", K.open_office),
        ("Personalerum", K.staff_room), ("Frokoststue", K.staff_room), ("Gang", K.corridor), ("Toilet", K.wc), ("WC", K.wc),
        ("HC-toilet", K.wc_accessible), ("Handicaptoilet", K.wc_accessible), ("Depot", K.storage), ("Trappe", K.stairs),
        ("Elevator", K.lift), ("Lift", K.lift), ("Legehjørne", K.play_area),
        # English, Revit abbreviations, IMDF and FloorspaceJS spellings.
        ("lobby", K.entrance), ("Waiting", K.waiting), ("Interview", K.meeting_room), ("Meeting", K.meeting_room),
        ("Restroom", K.wc), ("accessible restroom", K.wc_accessible), ("CONFERENCE RM", K.meeting_room), ("TEAM RM", K.group_room),
        ("OPEN OFFICE", K.open_office), ("CORRIDOR", K.corridor), ("WOMENS RR", K.wc), ("STAIR", K.stairs), ("ELEV", K.lift),
        ("ELEV EQ RM", K.storage), ("VEST/ENTRY", K.entrance), ("BREAK RM", K.staff_room), ("S-3 STORAGE", K.storage),
        ("PatientRoom", K.meeting_room), ("CommonRoom", K.waiting), ("Washroom", K.wc), ("restroom.wheelchair", K.wc_accessible),
        ("Chapel", K.quiet_nook), ("Food Court", K.waiting), ("Clinic", K.meeting_room),
        # Variants: compounds, spellings without Danish letters, numbers and areas around the name.
        ("Samtalelokale", K.meeting_room), ("Personaletoilet", K.wc), ("moedelokale", K.meeting_room), ("modelokale", K.meeting_room),
        ("2.14 SAMTALERUM 12,5 m²", K.meeting_room), ("Mødelokale2", K.meeting_room), ("Store mødelokale", K.meeting_room),
        ("Elevator lobby", K.corridor), ("Venteområde ved elevator", K.waiting), ("M", K.wc),
    ],
)
def test_vocabulary_knows_the_names(name: str, kind: RoomKind) -> None:
    guess = match_name(name)
    assert guess is not None and guess.kind is kind, guess
    assert 0.5 <= guess.confidence <= 0.9


def test_words_not_strings() -> None:
    assert match_name("NOC") is None and match_name("Unit 4") is None and match_name("2.14") is None
    # "gang" is a word of its own: "indgang" is an entrance, "Mangan" nothing.
    assert match_name("hovedindgang").kind is K.entrance
    assert match_name("Mangan") is None
    # A single letter names a toilet only as the whole sign.
    assert match_name("Rum M") is None
    assert words_of("PatientRoom 3b") == ["patient", "room", "3", "b"]
    assert normalise("HC-toilet") == "hc toilet"


def test_ambiguous_names_are_less_sure() -> None:
    staff_wc = match_name("Staff WC")
    assert staff_wc.kind is K.wc and staff_wc.confidence < match_name("WC").confidence
    assert "staff_room" in staff_wc.why


def test_every_kind_but_unknown_has_words_and_the_file_is_sound() -> None:
    vocab = vocabulary()
    assert set(vocab.order) == set(RoomKind) - {K.unknown}
    assert len(vocab.terms) > 250
    assert category_kind("imdf", "restroom.female.wheelchair") is K.wc_accessible
    assert category_kind("imdf", "restroom.male") is K.wc
    assert category_kind("imdf", "room") is None and category_kind("imdf", "unspecified") is None
    assert category_kind("wrld", "bathroom") is K.wc
    assert "opentobelow" in vocab.not_rooms


def test_decide_weighs_sources() -> None:
    assert decide([]).kind is K.unknown and decide([]).confidence == 0
    both = decide([Evidence(K.wc, 0.8, "category"), Evidence(K.wc, 0.9, "name")])
    assert both.kind is K.wc and both.confidence > 0.9
    split = decide([Evidence(K.meeting_room, 0.9, "name"), Evidence(K.open_office, 0.8, "category")])
    assert split.kind is K.meeting_room and split.confidence < 0.9 and "against" in split.why
    assert decide([Evidence(K.waiting, 1.0, "yours"), Evidence(K.wc, 0.9, "name")]).kind is K.waiting


def test_classify_and_extra_rules() -> None:
    assert classify(["", None, "Unit 4"]) is None
    assert classify(["Meeting Room Large", "room"])[0] is K.meeting_room
    assert classify([None, "bathroom"])[0] is K.wc
    rules = ((r"\bnoc\b", K.open_office), (r"corridor", K.waiting))
    assert classify(["NOC"], rules)[0] is K.open_office
    assert classify(["CORRIDOR"], rules)[0] is K.waiting


def test_mapping_file(tmp_path: Path) -> None:
    path = tmp_path / "kinds.csv"
    path.write_text("pattern,kind\n# comments are fine\nsamtale*,meeting_room\nNOC,open office\n", encoding="utf-8")
    mapping = read_kind_mapping(path)
    assert mapping == (("samtale*", K.meeting_room), ("NOC", K.open_office))
    assert mapped_kind(["Samtalerum 2"], mapping).kind is K.meeting_room
    assert mapped_kind(["noc"], mapping).confidence == 1.0
    assert mapped_kind(["Kantine"], mapping) is None
    (tmp_path / "semi.csv").write_text("Stillerum;waiting\n", encoding="utf-8")
    assert read_kind_mapping(tmp_path / "semi.csv") == (("Stillerum", K.waiting),)
    (tmp_path / "bad.csv").write_text("samtale,sauna\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: 'sauna' is not a room kind"):
        read_kind_mapping(tmp_path / "bad.csv")
