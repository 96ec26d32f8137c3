from planner.vote.ballot import (
    LEAVE_OUT,
    describe_ballot,
    margin_sentences,
    rank_labels,
    ranks_to_tiers,
    tiers_to_ranks,
)


def test_rank_labels():
    assert rank_labels(3) == ["1st", "2nd", "3rd", LEAVE_OUT]
    assert rank_labels(12)[10:12] == ["11th", "12th"]


def test_ranks_to_tiers_ties_gaps_and_left_out():
    assert ranks_to_tiers({1: "2nd", 2: "1st", 3: "2nd", 4: LEAVE_OUT}) == [[2], [1, 3]]
    assert ranks_to_tiers({1: "3rd", 2: "1st"}) == [[2], [1]]
    assert ranks_to_tiers({1: LEAVE_OUT, 2: None}) == []


def test_round_trip():
    tiers = [[5], [3, 7]]
    ranks = tiers_to_ranks(tiers, [3, 5, 7, 9])
    assert ranks == {3: "2nd", 5: "1st", 7: "2nd", 9: LEAVE_OUT}
    assert ranks_to_tiers(ranks) == tiers


def test_describe_ballot():
    names = {1: "A", 2: "B", 3: "C"}
    assert describe_ballot([[2], [1, 3]], names, [1, 2, 3]) == ["1st place: B", "2nd place: A and C (tied)"]
    assert describe_ballot([[1]], names, [1, 2, 3]) == ["1st place: A", "Left out: B, C"]


def test_margin_sentences():
    names = {1: "A", 2: "B", 3: "C"}
    text = margin_sentences({(1, 2): 3, (2, 1): -3, (1, 3): 0, (3, 1): 0, (2, 3): -1, (3, 2): 1}, names, [1, 2, 3])
    assert text == [
        "A was preferred to B on 3 more ballots than the other way round.",
        "A and C tied head to head.",
        "C was preferred to B on 1 more ballot than the other way round.",
    ]


def test_tap_to_rank_pick_unpick_and_move_up():
    from planner.vote.ballot import ordinal, pick, tiers_to_order, unpick, up

    ranking = pick(pick([], 7), 3)
    assert ranking == [7, 3] and pick(ranking, 7) == [7, 3]  # a second tap on a ranked option changes nothing
    assert pick(ranking, 5) == [7, 3, 5]
    assert unpick([7, 3, 5], 3) == [7, 5] and unpick([7], 9) == [7]
    assert up([7, 3, 5], 5) == [7, 5, 3] and up([7, 3, 5], 7) == [7, 3, 5]
    assert tiers_to_order([[5], [3, 7]]) == [5, 3, 7]
    assert [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]
