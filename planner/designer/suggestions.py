"""The designer's Suggestions panel: explained edits that raise the scores, shown before/after, applied as a new option.

Thin: the search is scoring.suggest.suggest, the pictures floorplans.drawing,
the new option input_forms.projects.add_option. Results are kept in the session
per plan version, profile and locks, so the panel redraws without searching again.

A search runs in a worker thread (``SearchJob``) so the page stays live: a
fragment polls its progress twice a second and offers Cancel, which sets the
job's Event; the search checks it between candidate edits and returns the
chains it has found so far, marked as cancelled.
"""

from __future__ import annotations

import hashlib
import logging
import threading

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

__all__ = ["SearchJob", "suggestions_panel", "option_name"]

log = logging.getLogger(__name__)

RESULTS_KEY = "designer_suggestions"
#: The running search (a SearchJob), if any.
JOB_KEY = "designer_suggest_job"
#: How often the progress fragment looks at a running search, s.
POLL_SECONDS = 0.5
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


class SearchJob:
    """One suggestion search in a worker thread: its progress to read, an Event that cancels it, its result when done.

    The worker calls no streamlit; the page reads ``fraction``/``message``
    and, once ``done``, ``result`` (or ``error``). ``cancel()`` makes the
    search stop at its next check and return what it has (``stats.cancelled``).
    """

    def __init__(self, key: str, plan: Plan, profile: str, locks: list[str]):
        self.key = key
        self.fraction, self.message = 0.0, "starting"
        self.result: SuggestionResult | None = None
        self.error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, args=(plan, profile, list(locks)), daemon=True,
                                        name="designer-suggestions")

    def start(self) -> SearchJob:
        self._thread.start()
        return self

    def _progress(self, fraction: float, message: str) -> None:
        self.fraction, self.message = fraction, message

    def _work(self, plan: Plan, profile: str, locks: list[str]) -> None:
        try:
            self.result = suggest(plan, profile, locked=locks, progress=self._progress, cancelled=self._stop.is_set)
        except Exception as exc:  # shown to the designer as an error box, logged with its trace
            log.exception("suggestion search failed")
            self.error = f"{type(exc).__name__}: {exc}"

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    @property
    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the search ends (tests, shutdown); whether it has."""
        self._thread.join(timeout)
        return self.done


@st.fragment(run_every=POLL_SECONDS)
def _watch() -> None:
    """The running search's progress and its Cancel button; reruns the page when the search ends."""
    job: SearchJob | None = st.session_state.get(JOB_KEY)
    if job is None:
        return
    if job.done:
        st.rerun(scope="app")
    text = "Stopping the search…" if job.cancelling else f"Looking for suggestions: {job.message}"
    st.progress(min(1.0, max(0.0, job.fraction)), text=text)
    if st.button("Cancel", key="designer_suggest_cancel", icon=":material/cancel:", disabled=job.cancelling):
        job.cancel()


def _collect(results: dict[str, SuggestionResult]) -> bool:
    """Take a finished search's result into ``results``; whether a search is still running (drawn with progress)."""
    job: SearchJob | None = st.session_state.get(JOB_KEY)
    if job is None:
        return False
    if not job.done:
        _watch()
        return True
    del st.session_state[JOB_KEY]
    if job.error is not None:
        st.error(f"The suggestion search failed: {job.error}")
    elif job.result is not None:
        results[job.key] = job.result
    return False


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
        running: SearchJob | None = st.session_state.pop(JOB_KEY, None)
        if running is not None:
            running.cancel()  # a new search replaces the one still running
        results.clear()  # one plan at a time: the last search only
        st.session_state[JOB_KEY] = SearchJob(key, plan, profile, locks).start()
    if _collect(results):
        return []
    result = results.get(key)
    if result is None:
        st.caption("Up to five short chains of edits (at most three each) that raise calmness and accessibility "
                   "and lower no accessibility criterion; cheaper edits first. Takes a few seconds; a long search "
                   "shows its progress and can be cancelled.")
        return []
    if result.stats.cancelled:
        st.warning("The search was cancelled: these are the suggestions it had found so far."
                   if result.suggestions else "The search was cancelled before it found a suggestion.")
    if not result.suggestions:
        if not result.stats.cancelled:
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
