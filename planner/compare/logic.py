"""Options side by side: the criterion table with the better value marked. Pure (no streamlit)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["criteria_table", "overall_frame", "BEST_MARK"]

BEST_MARK = "★"


def criteria_table(scores: Mapping[str, dict]) -> pd.DataFrame:
    """One row per criterion (overall figures first), one column per option, plus "best".

    ``scores``: option name -> ``option_views.option_scores`` dict. Criterion
    cells are 0..100; the best value in each row gets a star, and the "best"
    column names the option(s) holding it ("all equal" when nobody is ahead).
    """
    names = list(scores)
    rows: dict[str, dict[str, object]] = {}
    order: list[tuple[str, str]] = [("calmness", "Calmness (overall)"), ("accessibility", "Accessibility (overall)")]
    for name in names:
        for c in scores[name]["criteria"]:
            if c["id"] not in {k for k, _ in order}:
                order.append((c["id"], c["title"]))
    for cid, title in order:
        values: dict[str, float | None] = {}
        for name in names:
            s = scores[name]
            if cid in ("calmness", "accessibility"):
                values[name] = float(s[cid])
            else:
                found = next((c for c in s["criteria"] if c["id"] == cid), None)
                applies = found is not None and found.get("applicable", True)  # n/a: nothing to judge in that option
                values[name] = round(found["score"] * 100, 1) if found is not None and applies else None
        present = [v for v in values.values() if v is not None]
        best = max(present) if present else None
        leaders = [n for n, v in values.items() if v is not None and best is not None and abs(v - best) < 0.05]
        everyone = len(leaders) == len(names)
        row: dict[str, object] = {"criterion": title}
        for name in names:
            v = values[name]
            row[name] = "—" if v is None else f"{v:.0f}" + (f" {BEST_MARK}" if name in leaders and not everyone else "")
        row["best"] = "all equal" if everyone else ", ".join(leaders)
        rows[cid] = row
    return pd.DataFrame(list(rows.values()), index=list(rows))


def overall_frame(scores: Mapping[str, dict]) -> pd.DataFrame:
    """Long form for a grouped bar chart: option, figure, value."""
    return pd.DataFrame([
        {"option": name, "figure": figure, "value": float(s[figure])}
        for name, s in scores.items()
        for figure in ("calmness", "accessibility")
    ])
