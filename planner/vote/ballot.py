"""Ranked ballots as the vote page shows them: per-option rank choices <-> tiers, and plain sentences.

Pure (no streamlit). A ballot is a list of tiers, best first; options in one
tier are tied; options in no tier are left out (input_forms.voting's format).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["LEAVE_OUT", "rank_labels", "ranks_to_tiers", "tiers_to_ranks", "describe_ballot", "margin_sentences",
           "ordinal", "pick", "unpick", "up", "tiers_to_order"]

#: The choice that leaves an option out of the ballot.
LEAVE_OUT = "leave out"


def ordinal(k: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


# --- tap to rank: the ranking is a list of option ids, best first ---------------------------------

def pick(ranking: Sequence[int], option_id: int) -> list[int]:
    """Tapping an unranked option puts it in the next place; tapping a ranked one changes nothing."""
    return list(ranking) if option_id in ranking else [*ranking, option_id]


def unpick(ranking: Sequence[int], option_id: int) -> list[int]:
    """Take the option off; the ones below it move up a place."""
    return [o for o in ranking if o != option_id]


def up(ranking: Sequence[int], option_id: int) -> list[int]:
    """Swap the option with the one above it (the first stays first)."""
    out = list(ranking)
    if option_id in out and (i := out.index(option_id)) > 0:
        out[i - 1], out[i] = out[i], out[i - 1]
    return out


def tiers_to_order(tiers: Sequence[Sequence[int]]) -> list[int]:
    """A stored ballot as a tap order (options tied on an older ballot keep their stored order)."""
    return [o for tier in tiers for o in tier]


def rank_labels(n_options: int) -> list[str]:
    """The rank choices for n options: "1st" .. "nth", then "leave out"."""
    return [ordinal(k) for k in range(1, n_options + 1)] + [LEAVE_OUT]


def _rank_number(label: str | None) -> int | None:
    if not label or label == LEAVE_OUT:
        return None
    digits = "".join(ch for ch in label if ch.isdigit())
    return int(digits) if digits else None


def ranks_to_tiers(choices: Mapping[int, str | None]) -> list[list[int]]:
    """{option id: rank label} -> tiers best first; equal ranks tie; gaps close up ("1st, 3rd" = "1st, 2nd")."""
    by_rank: dict[int, list[int]] = {}
    for option_id, label in choices.items():
        rank = _rank_number(label)
        if rank is not None:
            by_rank.setdefault(rank, []).append(option_id)
    return [sorted(by_rank[r]) for r in sorted(by_rank)]


def tiers_to_ranks(tiers: Sequence[Sequence[int]], option_ids: Sequence[int]) -> dict[int, str]:
    """The inverse for pre-filling the form: tier k -> the k-th rank label; missing -> leave out."""
    labels = rank_labels(len(option_ids))
    ranks = {oid: LEAVE_OUT for oid in option_ids}
    for k, tier in enumerate(tiers):
        for oid in tier:
            if oid in ranks:
                ranks[oid] = labels[k]
    return ranks


def describe_ballot(tiers: Sequence[Sequence[int]], names: Mapping[int, str], option_ids: Sequence[int]) -> list[str]:
    """The ballot in plain words, one line per place, then what was left out."""
    lines = []
    places = rank_labels(max(len(tiers), 1))
    for k, tier in enumerate(tiers):
        who = " and ".join(names.get(o, f"option {o}") for o in tier)
        lines.append(f"{places[k]} place: {who}" + (" (tied)" if len(tier) > 1 else ""))
    ranked = {o for tier in tiers for o in tier}
    left = [names.get(o, f"option {o}") for o in option_ids if o not in ranked]
    if left:
        lines.append("Left out: " + ", ".join(left))
    return lines


def margin_sentences(margins: Mapping[tuple[int, int], int], names: Mapping[int, str], option_ids: Sequence[int]) -> list[str]:
    """Each pair once, in plain words: "A beat B by 3 ballots" / "A and B tied"."""
    out = []
    ids = list(option_ids)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            m = margins.get((a, b), 0)
            na, nb = names.get(a, str(a)), names.get(b, str(b))
            if m > 0:
                out.append(f"{na} was preferred to {nb} on {m} more ballot{'s' if m != 1 else ''} than the other way round.")
            elif m < 0:
                out.append(f"{nb} was preferred to {na} on {-m} more ballot{'s' if m != -1 else ''} than the other way round.")
            else:
                out.append(f"{na} and {nb} tied head to head.")
    return out
