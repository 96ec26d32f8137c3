"""Textbook checks of the acoustics module: each number here can be redone by hand."""

from __future__ import annotations

import math

import pytest

from scoring.acoustics.absorption import (
    BANDS,
    FINISHES,
    MATERIALS,
    absorption_class,
    finish,
    weighted_absorption,
)
from scoring.acoustics.propagation import DECAY, distance_for_level, open_plan_level
from scoring.acoustics.reverberation import (
    RoomShape,
    absorption_limits,
    eyring,
    reverberation,
    sabine,
    time_limits,
)
from scoring.acoustics.transmission import (
    BACKGROUND_BAND_OFFSET,
    boundary_level_difference,
    composite_reduction,
    diffuse_level,
    energy_sum,
    level_difference,
    passed_power_level,
    speech_privacy_class,
)


def test_sabine_of_a_hard_box_within_one_percent_of_the_hand_calculation():
    # 5 × 4 m, 3 m high: V = 60 m³; floor = ceiling = 20 m², walls 18 m × 3 m = 54 m².
    # Hard finish: plaster ceiling and walls (α 0.02 0.02 0.03 0.03 0.04 0.05), lino floor (0.02 0.03 0.03 0.03 0.03 0.02).
    walls_ceiling = (0.02, 0.02, 0.03, 0.03, 0.04, 0.05)
    floor = (0.02, 0.03, 0.03, 0.03, 0.03, 0.02)
    hand = [0.161 * 60 / (74 * w + 20 * f) for w, f in zip(walls_ceiling, floor, strict=False)]  # 500 Hz: 0.161·60/2.82 = 3.43 s
    result = reverberation(RoomShape(floor_area=20, perimeter=18, height=3), finish("hard"))
    assert result.method == ("Sabine",) * 6
    for t, h in zip(result.time, hand, strict=True):
        assert t == pytest.approx(h, rel=0.01)
    assert result.time[2] == pytest.approx(3.43, abs=0.01)


def test_eyring_takes_over_where_the_room_absorbs_much():
    assert sabine(100, 20) == pytest.approx(0.161 * 100 / 20, rel=1e-3)
    # ᾱ = 0.5 over 120 m²: Sabine 0.161·100/60 = 0.27 s, Eyring 0.161·100/(120·ln 2) = 0.19 s
    assert eyring(100, 120, 0.5) == pytest.approx(0.161 * 100 / (120 * math.log(2)), rel=1e-3)
    absorbent = reverberation(RoomShape(floor_area=16, perimeter=16, height=2.7), finish("absorbent"))
    assert "Eyring" in absorbent.method
    for area, t, method in zip(absorbent.absorption, absorbent.time, absorbent.method, strict=True):
        surface = 2 * 16 + 16 * 2.7
        if method == "Eyring":
            assert area / surface > 0.2 and t < sabine(16 * 2.7, area)


def test_the_finish_classes_rank_and_a_standard_meeting_room_is_near_the_danish_limit():
    shape = RoomShape(floor_area=16, perimeter=16, height=2.7)  # a 4 × 4 m conversation room
    t = {name: reverberation(shape, finish(name)).mid_time for name in FINISHES}
    assert t["hard"] > 2.0 > t["standard"] > t["absorbent"]
    assert 0.45 < t["standard"] < 0.6  # a class C ceiling alone just meets T ≤ 0.6 s at mid frequencies
    assert time_limits() == (0.72, 0.6, 0.6, 0.6, 0.6, 0.6)
    assert absorption_limits(80) == pytest.approx((70.4, 88, 88, 88, 88, 88))


def test_the_ceilings_are_of_the_classes_the_plan_format_names():
    def rating(key: str) -> float:
        return weighted_absorption(MATERIALS[key].alpha[1:])

    assert (rating("ceiling_fissured_tile"), absorption_class(rating("ceiling_fissured_tile"))) == (0.65, "C")
    assert (rating("ceiling_fibre_absorber"), absorption_class(rating("ceiling_fibre_absorber"))) == (1.0, "A")
    assert absorption_class(rating("hard_surface")) == "not classified"


def test_weighted_absorption_of_a_rated_porous_absorber():
    # Practical coefficients 0.35 1.00 0.65 0.60 0.55 (250 Hz–4 kHz): the reference curve shifted to 0.60 has one
    # unfavourable deviation, 0.05 at 250 Hz; shifted to 0.65 they sum to 0.15 > 0.10. So αw = 0.60, class C.
    assert weighted_absorption((0.35, 1.00, 0.65, 0.60, 0.55)) == 0.60
    assert absorption_class(0.60) == "C" and absorption_class(0.55) == "D" and absorption_class(0.9) == "A"


def test_composite_of_a_wall_with_a_door():
    # 10 m² of partition: 8 m² of wall R 40 dB and a 2 m² door R 25 dB.
    # τ = (8·10^-4 + 2·10^-2.5)/10 = 7.12·10^-4, R' = 31.5 dB.
    assert composite_reduction([(8, 40), (2, 25)], flanking=None) == pytest.approx(31.5, abs=0.05)
    assert composite_reduction([(8, 40), (2, 25)]) == pytest.approx(31.5, abs=0.1)  # flanking at 55 dB hardly shows
    # an opening of 0.1 m² in 10 m² of a 50 dB wall lets 1 % through: R' ≈ 20 dB
    assert composite_reduction([(9.9, 50), (0.1, None)], flanking=None) == pytest.approx(20.0, abs=0.05)
    # flanking caps a very good wall: 70 dB and the 55 dB flanking path give 54.9 dB
    assert composite_reduction([(10, 70)]) == pytest.approx(54.9, abs=0.05)


def test_level_difference_and_the_power_a_partition_passes_agree():
    r, s, a = 31.5, 10.0, 12.0
    d = level_difference(r, s, a)
    assert d == pytest.approx(31.5 - 10 * math.log10(10 / 12))
    tau_s = s * 10 ** (-r / 10)
    l1 = 70.0
    l2 = diffuse_level(passed_power_level(l1, tau_s), a)
    assert l1 - l2 == pytest.approx(d, abs=1e-9)
    assert energy_sum([40.0, 40.0]) == pytest.approx(43.01, abs=0.01)


def test_open_plan_decay_per_doubling_of_distance():
    standard = DECAY["standard"]
    assert open_plan_level(68.4, 4.0, standard) == pytest.approx(standard.l4m)
    assert open_plan_level(68.4, 8.0, standard) == pytest.approx(standard.l4m - standard.d2s)
    assert open_plan_level(68.4, 0.5, standard) == open_plan_level(68.4, 2.0, standard)  # no closer than 2 m
    # ISO 3382-3's comfort distance r_C (speech down to 45 dB) for the "good" office: 48 dB at 4 m, 8 dB per doubling
    assert distance_for_level(68.4, 45.0, DECAY["absorbent"]) == pytest.approx(4 * 2 ** (3 / 8))
    assert DECAY["hard"].d2s < DECAY["standard"].d2s < DECAY["absorbent"].d2s


def test_background_band_offset_from_the_nc30_curve():
    # ANSI/ASA S12.2 NC-30 in octave bands 63 Hz–8 kHz, and the A-weighting of those bands.
    nc30 = {63: 57, 125: 48, 250: 41, 500: 35, 1000: 31, 2000: 29, 4000: 28, 8000: 27}
    a_weight = {63: -26.2, 125: -16.1, 250: -8.6, 500: -3.2, 1000: 0.0, 2000: 1.2, 4000: 1.0, 8000: -1.1}
    la = energy_sum(nc30[f] + a_weight[f] for f in nc30)
    # one-third-octave bands 160 Hz–5 kHz: 160 Hz in the 125 Hz octave, then three per octave; each 4.8 dB below its octave
    thirds = [nc30[125] - 4.8] + [nc30[f] - 4.8 for f in (250, 500, 1000, 2000, 4000) for _ in range(3)]
    assert len(thirds) == 16
    lb_avg = sum(thirds) / len(thirds)
    assert la == pytest.approx(39.8, abs=0.1) and lb_avg == pytest.approx(29.0, abs=0.1)
    assert la - lb_avg == pytest.approx(BACKGROUND_BAND_OFFSET, abs=0.5)


def test_reference_curve_mean_over_the_privacy_bands_matches_its_single_number():
    # EN ISO 717-1 airborne reference curve, dB relative to 500 Hz, 160 Hz–3.15 kHz, extended flat to 5 kHz.
    curve = [-13, -10, -7, -4, -1, 0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4]
    assert abs(sum(curve) / len(curve)) < 0.2


def test_speech_privacy_class_through_an_ordinary_and_a_sound_rated_door():
    # A meeting room's 4 m × 2.7 m wall onto a corridor, a 1 m door in it; corridor background 35 dB(A) (Lb 24 dB).
    def spc(door_r: float) -> float:
        r = composite_reduction([(10.8 - 2.1, 44), (2.1, door_r)])
        ld = boundary_level_difference(door_r, level_difference(r, 10.8, 12.0))
        return speech_privacy_class(ld, 35 - BACKGROUND_BAND_OFFSET)

    ordinary, rated = spc(25), spc(40)
    assert ordinary == pytest.approx(50.5, abs=1.0)  # speech through an unsealed door is plainly intelligible
    assert rated > ordinary + 10
    assert spc(45) < 70  # even 45 dB in a 44 dB wall stays short of ASTM's "speech privacy" here
    assert boundary_level_difference(None, 20.0) < 3.0  # at an opening there is no privacy


def test_bands_and_finish_names():
    assert BANDS == (125, 250, 500, 1000, 2000, 4000)
    assert finish(None).name == "standard"
    with pytest.raises(ValueError, match="hard, standard, absorbent"):
        finish("velvet")
