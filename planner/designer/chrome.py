"""The designer's screen furniture: fold the sidebar away on a tablet or phone so the plan gets the width.

Streamlit's own "auto" keeps the sidebar open above 768 px, where on a tablet (820 px) it
takes 40 % of the screen. A tiny component folds it once when the designer opens below
``FOLD_BELOW`` px; the user can open it again, and it stays open until the next visit.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["FOLD_BELOW", "fold_sidebar_on_narrow_screens"]

#: Screens narrower than this (tablets in either orientation, phones) start with the sidebar folded.
FOLD_BELOW = 1100

_JS = """
export default function(component) {
  const { data, parentElement } = component;
  const seen = (window.__designerFolded = window.__designerFolded || new WeakSet());
  if (!parentElement || seen.has(parentElement)) return;  // once per visit: the user may open it again
  seen.add(parentElement);
  if (window.innerWidth >= ((data && data.below) || 1100)) return;
  let tries = 0;
  const fold = () => {
    const bar = document.querySelector("[data-testid=stSidebar]");
    const button = document.querySelector("[data-testid=stSidebarCollapseButton] button");
    if (bar && bar.dataset.collapsed === "false" && button) { button.click(); return true; }
    return !!bar && bar.dataset.collapsed === "true";
  };
  if (!fold()) {
    const timer = setInterval(() => { if (fold() || ++tries > 50) clearInterval(timer); }, 100);
  }
}
"""
_folder = st.components.v2.component("designer_sidebar_folder", js=_JS)


def fold_sidebar_on_narrow_screens() -> None:
    """Fold the sidebar once when the page opens on a screen narrower than FOLD_BELOW."""
    _folder(key="designer_sidebar_folder", data={"below": FOLD_BELOW})
