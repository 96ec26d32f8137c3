"""The registry: a criterion is one module. Adding one (a throwaway module written here) needs no
other file: it is found, scored, weighed, listed with its thresholds in the report and in the README's table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import textwrap
from pathlib import Path

import pytest

import scoring.criteria
import scoring.criteria.calmness
from floorplans.samples import load_sample
from scoring import Finding, Weights, engine, get_profile, registry, score_plan
from scoring.cli import criteria_markdown
from scoring.profiles import PROFILES, Threshold
from scoring.registry import Limit, Texts, all_criteria, all_limits, criterion, profile_threshold_fields
from scoring.report import CriterionResult

ROOT = Path(__file__).resolve().parents[2]

THROWAWAY = '''
"""throwaway-quiet: a criterion that exists only in a test."""

from floorplans.model import Plan, RoomKind

from scoring.profiles import RuleProfile, Threshold
from scoring.registry import Limit, Texts, criterion
from scoring.report import Finding

MINUTES = Limit(
    "throwaway_quiet_minutes", en="Quiet minutes per visit", da="Stille minutter pr. besøg",
    per_profile={
        "br18": Threshold(value=7.0, unit="min", clause="Test BR18 §1"),
        "ada2010": Threshold(value=8.0, unit="min", clause="Test ADA §2"),
        "iso21542": Threshold(value=9.0, unit="min", clause="Test ISO §3", binding=False),
    },
)


@criterion(
    id="throwaway-quiet",
    area="calmness",
    order=15,
    weight=4.0,
    title="Throwaway quiet rooms",
    description="Half a point per quiet nook, at most one.",
    source="Test Standard 2099 §9.9",
    da=Texts(title="Stille rum til prøve", description="Et halvt point pr. stille krog.", source="Prøvestandard 2099 §9.9"),
    thresholds=(MINUTES,),
)
def throwaway_quiet(plan: Plan, profile: RuleProfile) -> Finding:
    nooks = plan.rooms_of_kind(RoomKind.quiet_nook)
    th = MINUTES.of(profile)
    return Finding(score=min(1.0, 0.5 * len(nooks)), value=float(len(nooks)), threshold=th.value, unit="min",
                   detail=f"{len(nooks)} quiet nooks", where=[r.id for r in nooks])
'''


@pytest.fixture
def clean_registry(monkeypatch):
    """The registry as it is, restored afterwards (with the engine's cache), whatever a test registers."""
    registry.load_criteria()  # the real ones first: only what the test adds is taken away again
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    before = set(sys.modules)
    yield registry
    for name in set(sys.modules) - before:
        if name.startswith("scoring.criteria."):
            del sys.modules[name]
    engine._score.cache_clear()


@pytest.fixture
def throwaway(tmp_path, monkeypatch, clean_registry):
    """One new module in the calmness package's folder, and nothing else touched."""
    (tmp_path / "zz_throwaway_quiet.py").write_text(textwrap.dedent(THROWAWAY), encoding="utf-8")
    package = scoring.criteria.calmness
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(tmp_path)])
    registry.load_criteria(rescan=True)
    return registry.get_criterion("throwaway-quiet")


def test_every_criterion_module_registers_one_criterion_of_its_package_area():
    all_criteria()
    by_module = {c.fn.__module__: c for c in all_criteria()}
    modules = []
    for area in registry.AREAS:
        package = importlib.import_module(f"scoring.criteria.{area}")
        for info in pkgutil.iter_modules(package.__path__):
            name = f"{package.__name__}.{info.name}"
            modules.append(name)
            assert name in by_module, f"{name} registers no criterion"
            assert by_module[name].area == area, name
    assert sorted(modules) == sorted(by_module), "a criterion registered from outside the criteria packages"
    assert len(modules) == 21


def test_a_new_module_is_a_new_criterion_everywhere(throwaway):
    c = throwaway
    ids = [x.id for x in all_criteria("calmness")]
    assert ids.index("throwaway-quiet") == ids.index("quiet-refuge") + 1  # order 15: between 10 and 20
    assert Weights().of("throwaway-quiet") == 4.0 and registry.default_weights()["throwaway-quiet"] == 4.0

    plan = load_sample("option_a")
    report = score_plan(plan, "ada2010")
    result = report.by_id("throwaway-quiet")
    nooks = plan.rooms_of_kind("quiet_nook")
    assert result.score == min(1.0, 0.5 * len(nooks)) and result.weight == 4.0 and result.threshold == 8.0
    assert result.source == c.source and result.where == [r.id for r in nooks]
    calm = report.area("calmness")
    expected = 100 * sum(r.score * r.weight for r in calm) / sum(r.weight for r in calm)
    assert report.calmness == round(expected, 2)
    assert '"id": "throwaway-quiet"' in report.to_contract_json()

    assert f"| `throwaway-quiet` | calmness | 4 | **{c.title}**" in criteria_markdown()


def test_a_new_criterion_reaches_the_report_in_both_languages(throwaway):
    from planner.report.i18n import Catalogue
    from planner.report.method import method_section

    da, en = method_section("iso21542", Catalogue("da")), method_section("br18", Catalogue("en"))
    assert ("Stille rum til prøve", "Prøvestandard 2099 §9.9") in {(i.title, i.source) for i in da.criteria}
    assert ("Throwaway quiet rooms", "Test Standard 2099 §9.9") in {(i.title, i.source) for i in en.criteria}
    assert ("Stille minutter pr. besøg", 9.0, False) in [(t.label, t.value, t.binding) for t in da.thresholds]
    assert ("Quiet minutes per visit", 7.0, True) in [(t.label, t.value, t.binding) for t in en.thresholds]
    assert len(da.thresholds) == len(all_limits())  # every threshold, the throwaway's included


def test_the_registry_refuses_what_would_make_reports_ambiguous(clean_registry):
    def fn(plan, profile):
        return Finding(score=1.0, detail="")

    def declare(cid: str, **kw):
        return criterion(id=cid, area=kw.pop("area", "calmness"), title="t", description="d", source="s", **kw)(fn)

    declare("twice")
    declare("twice")  # the same function again (a module imported twice): fine
    def other(plan, profile):
        return Finding(score=0.0, detail="")

    with pytest.raises(ValueError, match="registered twice"):
        criterion(id="twice", area="calmness", title="t", description="d", source="s")(other)
    with pytest.raises(ValueError, match="area 'noise'"):
        declare("bad-area", area="noise")
    with pytest.raises(ValueError, match="weight"):
        declare("bad-weight", weight=-1.0)
    with pytest.raises(ValueError, match="not a field of the rule profiles"):
        declare("bad-field", thresholds=(Limit("door_width_typo", en="x", da="y"),))
    half = {"br18": Threshold(value=1.0, unit="m", clause="c")}
    with pytest.raises(ValueError, match="no value for rule profile"):
        declare("half", thresholds=(Limit("own", en="x", da="y", per_profile=half),))
    with pytest.raises(ValueError, match="declared differently"):
        declare("relabel", thresholds=(Limit("door_clear_width", en="Doors", da="Døre"),))
    same = next(limit for limit in all_limits() if limit.key == "door_clear_width")
    declare("same-limit", thresholds=(same,))  # the same declaration again (a copied module): fine


def test_every_profile_threshold_is_declared_by_a_criterion_with_both_labels():
    limits = all_limits()
    fields = [limit for limit in limits if limit.per_profile is None]
    assert [limit.key for limit in fields] == profile_threshold_fields()  # the report lists them all, in profile order
    assert limits[: len(fields)] == fields  # and before the criteria's own thresholds
    for limit in limits:
        assert limit.en and limit.da and limit.en != limit.da, limit.key
        for profile in PROFILES.values():
            if limit.per_profile is None:
                assert limit.of(profile) is getattr(profile, limit.key)
            else:
                assert limit.of(profile).clause, limit.key


def test_every_criterion_has_danish_words_weight_and_order():
    for c in all_criteria():
        assert isinstance(c.da, Texts) and c.da.title and c.da.description and c.da.source, c.id
        assert c.texts("da") == c.da and c.texts("en") == Texts(c.title, c.description, c.source)
        assert (c.weight > 0 or c.id in {"access-gates", "programme"}) and c.order < registry.LAST, c.id  # gates cap, they do not weigh
    assert len({(c.area, c.order) for c in all_criteria()}) == len(all_criteria()), "two criteria share a place"


def test_a_criterion_result_is_its_finding_plus_who_measured_it():
    assert issubclass(CriterionResult, Finding)
    plan, profile = load_sample("baseline"), get_profile("br18")
    for c in all_criteria():
        finding = c.fn(plan, profile)
        result = c.evaluate(plan, profile, weight=2.5)
        for name in Finding.model_fields:
            if name != "source":
                assert getattr(result, name) == getattr(finding, name), (c.id, name)
        assert result.source == (finding.source or c.source)
        assert (result.id, result.area, result.title, result.weight) == (c.id, c.area, c.title, 2.5)


def test_the_readme_table_of_criteria_is_the_registry_s():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- criteria table: begin -->\n", "\n<!-- criteria table: end -->"
    assert begin in readme and end in readme
    table = readme[readme.index(begin) + len(begin):readme.index(end)]
    assert table == criteria_markdown(), "README's criteria table is stale: paste `python -m scoring criteria --markdown`"
    assert table.count("\n| `") == len(all_criteria())


@pytest.mark.parametrize("sample", ["baseline", "option_b"])
def test_results_are_valid_criterion_results(sample: str) -> None:
    """The registry builds results without validating them twice: each must still pass validation as it stands,
    weights given as whole numbers included (they come out as floats, as validation would make them)."""
    plan = load_sample(sample)
    profile = get_profile("br18")
    for c in all_criteria():
        result = c.evaluate(plan, profile, 2)
        assert isinstance(result.weight, float) and result.weight == 2.0
        checked = CriterionResult.model_validate(result.model_dump())
        assert checked == result, c.id
        assert checked.model_dump_json() == result.model_dump_json(), c.id


def test_a_criterion_returning_no_finding_is_reported_not_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    c = all_criteria()[0]
    broken = registry.Criterion(**{**c.__dict__, "fn": lambda plan, profile: {"score": 1.0}})
    result = engine._evaluate(broken, load_sample("baseline"), get_profile("br18"), 1.0)
    assert result.score == 0.0 and engine.NOT_EVALUATED in result.detail and "not a Finding" in result.detail
