"""axe-core (WCAG 2 A and AA rules) run in a Playwright page and in every frame in it.

axe-core comes from the npm registry (package.json at the repository root, installed by `make test`
with `npm ci`). axe checks an iframe's content only when its script is loaded in that frame too,
so it is injected into every frame (Streamlit components and st.components.v1.html are iframes)
before the run in the top page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from playwright.sync_api import Page

from tests.planner.browser.helpers import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Finding:
    """One failed rule: its id, impact and the elements it failed on (CSS selectors, frame by frame)."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = "\n    ".join(self.targets[:8]) + ("" if len(self.targets) <= 8 else f"\n    ... {len(self.targets) - 8} more")
        return f"{self.rule} ({self.impact}): {self.help}\n    {shown}"


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make axe` (npm ci installs axe-core from package-lock.json)")
    return AXE_JS.read_text(encoding="utf-8")


def _target(target: list) -> str:
    """axe's target: a selector, or a list of selectors from the top frame down into an iframe."""
    return " >>> ".join(" ".join(t) if isinstance(t, list) else str(t) for t in target)


def run_axe(page: Page) -> list[Finding]:
    """Every WCAG 2 A/AA violation axe finds on the page, its frames included."""
    source = axe_source()
    for frame in page.frames:
        if frame.is_detached():
            continue
        frame.evaluate("src => { if (!window.axe) { (0, eval)(src); } }", source)
    result = page.evaluate(
        """async (tags) => {
          const r = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                         targets: v.nodes.map(n => n.target)}));
        }""",
        TAGS,
    )
    return [Finding(v["id"], v["impact"] or "", v["help"], tuple(_target(t) for t in v["targets"])) for v in result]


def assert_accessible(page: Page, where: str) -> None:
    """No serious or critical axe finding on the page; the message lists each with its elements."""
    blocking = [f for f in run_axe(page) if f.impact in BLOCKING]
    assert not blocking, f"{where}: {len(blocking)} serious or critical axe finding(s):\n" + "\n".join(map(str, blocking))
