"""The designer's Suggestions panel: explained edits that raise the scores, shown before/after, applied as a new option.

Thin: the search is scoring.suggest.suggest, the pictures floorplans.drawing,
the new option input_forms.projects.add_option. Results are kept in the session
per plan version, profile and locks, so the panel redraws without searching again.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from floorplans import Plan, dumps_plan, parse_plan
from floorplans.drawing import render_png
from input_forms.errors import InputError
from input_forms.models import LayoutOption
from input_forms.projects import add_option, list_options
from planner.designer import state
from scoring.suggest import Suggestion, SuggestionResult, suggest

__all__ = ["suggestions_panel", "option_name"]

RESULTS_KEY = "designer_suggestions"
#: Option names are at most this long (input_forms.projects).
NAME_LIMIT = 200


@st.cache_data(max_entries=24, show_spinner=False)
def _picture(plan_json: str, highlight: tuple[str, ...], title: str) -> bytes:
    return render_png(parse_plan(plan_json), dpi=70, highlight=highlight, title=title, legend=False)


def _key(plan_json: str, profile: str, locks: list[str]) -> str:
    return hashlib.sha256("\n".join([plan_json, profile, *sorted(locks)]).encode()).hexdigest()


def option_name(base: str, suggestion: Suggestion, taken: set[str]) -> str:
    """``<option> – <the suggestion's title>``, cut to fit, and made unique among the project's options."""
    name = f"{base} – {suggestion.title()}"[:NAME_LIMIT].strip()
    n, candidate = 2, name
    while candidate in taken:
        suffix = f" ({n})"
        candidate = name[: NAME_LIMIT - len(suffix)] + suffix
        n += 1
    return candidate


def _toggle_lock(key: str, feature_id: str) -> None:
    """Lock the feature chosen on the plan, or unlock it (a callback: runs before the multiselect is drawn)."""
    current = list(st.session_state.get(key) or [])
    st.session_state[key] = [i for i in current if i != feature_id] if feature_id in current else [*current, feature_id]


def _run(plan: Plan, profile: str, locks: list[str]) -> SuggestionResult:
    bar = st.progress(0.0, text="Looking for suggestions…")

    def progress(fraction: float, message: str) -> None:
        bar.progress(fraction, text=f"Looking for suggestions: {message}")

    try:
        return suggest(plan, profile, locked=locks, progress=progress)
    finally:
        bar.empty()


def _label(i: int, s: Suggestion, base: SuggestionResult) -> str:
    dc, da = s.calmness - base.report.calmness, s.accessibility - base.report.accessibility
    return f"{i + 1}. calmness {dc:+.1f}, accessibility {da:+.1f}: {s.title()}"


def _show(s: Suggestion, result: SuggestionResult, plan_json: str) -> None:
    a, b = st.columns(2)
    a.metric("Calmness after", f"{s.calmness:.1f}", delta=round(s.calmness - result.report.calmness, 1))
    b.metric("Accessibility after", f"{s.accessibility:.1f}", delta=round(s.accessibility - result.report.accessibility, 1))
    for e in s.edits:
        st.markdown(f"- **{e.cost}**: {e.en}  \n  _{e.da}_")
    st.dataframe(pd.DataFrame([{"criterion": c.id, "before": round(c.before * 100), "after": round(c.after * 100),
                                "no longer flagged": ", ".join(c.resolved)} for c in s.changes]),
                 hide_index=True, key="designer_suggestion_changes")
    changed = s.features
    before, after = st.columns(2)
    before.image(_picture(plan_json, tuple(f for f in changed if result.plan.get(f) is not None), "before"),
                 caption="Before: what changes, outlined")
    after.image(_picture(dumps_plan(s.plan), changed, "after"), caption="After: the changed features, outlined")


def suggestions_panel(engine: Engine, option: LayoutOption, plan: Plan, profile: str, author: str) -> list[str]:
    """The panel; returns the ids the chosen suggestion changes (to outline on the plan)."""
    plan_json = dumps_plan(plan)
    labels = {f.id: f"{getattr(f, 'name', '') or f.id} ({f.id})" if getattr(f, "name", "") else f.id
              for f in (*plan.rooms, *plan.doors, *plan.furniture)}
    lock_key = f"designer_locks_{option.id}"
    selected = st.session_state.get(state.SELECTED_KEY)
    if selected in labels:  # the feature chosen on the plan: lock or unlock it with one click
        is_locked = selected in (st.session_state.get(lock_key) or [])
        st.button(f"{'Unlock' if is_locked else 'Lock'} {labels[selected]}", key="designer_lock_selected",
                  icon=":material/lock_open:" if is_locked else ":material/lock:", on_click=_toggle_lock,
                  args=(lock_key, selected))
    locks = st.multiselect("Lock features (suggestions never change them)", list(labels),
                           format_func=lambda i: labels.get(i, i), key=lock_key)
    locks = [i for i in locks if i in labels]
    key = _key(plan_json, profile, locks)
    results: dict[str, SuggestionResult] = st.session_state.setdefault(RESULTS_KEY, {})
    if st.button("Find suggestions", key="designer_suggest", icon=":material/tips_and_updates:"):
        results.clear()  # one plan at a time: the last search only
        results[key] = _run(plan, profile, locks)
    result = results.get(key)
    if result is None:
        st.caption("Up to five short chains of edits (at most three each) that raise calmness and accessibility "
                   "and lower no accessibility criterion; cheaper edits first. Takes a few seconds; pressing any "
                   "other button stops it.")
        return []
    if not result.suggestions:
        st.info(f"No suggestion: {result.reason}")
        return []
    pick = st.radio("Suggestions, best first", range(len(result.suggestions)), key="designer_suggestion_pick",
                    format_func=lambda i: _label(i, result.suggestions[i], result))
    chosen = result.suggestions[pick or 0]
    _show(chosen, result, plan_json)
    if st.button("Apply as new option", key="designer_suggestion_apply", type="primary", icon=":material/add:"):
        taken = {o.name for o in list_options(engine, option.project_id)}
        name = option_name(option.name, chosen, taken)
        try:
            created = add_option(engine, option.project_id, name, dumps_plan(chosen.plan), author=author,
                                 notes=" ".join(e.en for e in chosen.edits)[:2000])
        except InputError as exc:
            st.error(f"Could not create the option {name!r}: {exc}")
        else:
            st.session_state["designer_switch_to"] = created.id
            state.flash(state.Flash(True, f"created option {created.name!r} from a suggestion"))
            st.rerun()
    return list(chosen.features)
