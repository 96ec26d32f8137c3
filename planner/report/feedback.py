"""The kiosk feedback section: ratings per option and kiosk, 'calmer' items, pin maps and approved texts.

Citizen text enters only through ``input_forms.aggregate.approved_texts`` (approved text only); groups
below the anonymity threshold (``aggregate.MIN_GROUP``) arrive here already suppressed, pin categories
are asked of ``aggregate.pins(..., category=)`` the same way, and a 'calmer' item fewer than MIN_GROUP
answers chose is hidden here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from input_forms import aggregate
from input_forms.models import LayoutOption

from .figures import pins_png
from .i18n import Catalogue
from .values import isnan, number, whole

__all__ = ["OptionFeedback", "ItemShare", "PIN_CATEGORIES", "PinMap", "ApprovedText", "FeedbackSection",
           "feedback_section"]


@dataclass(frozen=True)
class OptionFeedback:
    name: str
    n: int
    mean_rating: float | None
    share_positive: float | None
    suppressed: bool


@dataclass(frozen=True)
class ItemShare:
    """One 'calmer' item; ``suppressed`` when fewer than MIN_GROUP answers chose it (or answered at all)."""

    label: str
    n_choosing: int | None
    share: float | None
    suppressed: bool


#: The kiosk's pin categories, in the order the report lists them (input_forms.models.PinCategory).
PIN_CATEGORIES: tuple[str, ...] = ("calm", "stressful", "idea")


@dataclass(frozen=True)
class PinMap:
    option_name: str
    n: int  # every pin on the plan; the report prints it only from MIN_GROUP on
    #: pins per category, None where input_forms.aggregate.pins(..., category=) suppresses the category
    #: (fewer than MIN_GROUP pins of it); empty when the whole map is suppressed.
    counts: dict[str, int | None]
    png: str  # base64, "" when suppressed
    suppressed: bool


@dataclass(frozen=True)
class ApprovedText:
    text: str
    option_name: str
    rating: int | None
    language: str


@dataclass(frozen=True)
class FeedbackSection:
    n_total: int
    by_option: list[OptionFeedback]
    by_kiosk: list[OptionFeedback]
    items: list[ItemShare]
    items_suppressed: bool
    pin_maps: list[PinMap]
    texts: list[ApprovedText]
    min_group: int

    @property
    def total_suppressed(self) -> bool:
        """Fewer than ``min_group`` answers in all: the report does not print the total either."""
        return self.n_total < self.min_group


def feedback_section(engine: Engine, project_id: int, options: list[LayoutOption], cat: Catalogue,
                     dpi: int) -> FeedbackSection:
    """What citizens said at the kiosks, small groups suppressed."""
    frame = aggregate.feedback_frame(engine, project_id)
    by_option = [
        OptionFeedback(name=str(r["option_name"]) if r["option_id"] is not None and not isnan(r["option_id"]) else cat.t("feedback.no_plan"),
                       n=int(r["n"]), mean_rating=number(r["mean_rating"]), share_positive=number(r["share_positive"]),
                       suppressed=bool(r["suppressed"]))
        for r in aggregate.summary_by_option(engine, project_id).to_dict("records")
    ]
    by_kiosk = [
        OptionFeedback(name=str(r["kiosk_label"]), n=int(r["n"]), mean_rating=number(r["mean_rating"]),
                       share_positive=number(r["share_positive"]), suppressed=bool(r["suppressed"]))
        for r in aggregate.summary_by_kiosk(engine, project_id).to_dict("records")
    ]
    min_group = int(aggregate.MIN_GROUP)
    records = aggregate.item_shares(engine, project_id).to_dict("records")
    items = []
    for r in records:
        chosen = whole(r["n_choosing"])
        # aggregate hides every item below MIN_GROUP answers in all; the report also hides an item that
        # fewer than MIN_GROUP answers chose (count and share: the share times the total gives the count).
        hidden = bool(r["suppressed"]) or chosen is None or chosen < min_group
        items.append(ItemShare(label=str(r["label_da"] if cat.lang == "da" else r["label_en"]),
                               n_choosing=None if hidden else chosen, share=None if hidden else number(r["share"]),
                               suppressed=hidden))
    pin_maps: list[PinMap] = []
    for option in options:
        points = aggregate.pins(engine, option.id)
        n = int(points.attrs.get("n", len(points)))
        if n == 0:
            continue
        suppressed = bool(points.attrs.get("suppressed", n < min_group))
        counts: dict[str, int | None] = {}
        if not suppressed:
            for category in PIN_CATEGORIES:  # the storage layer decides per category, as for the whole map
                of_category = aggregate.pins(engine, option.id, category=category)
                counts[category] = None if of_category.attrs.get("suppressed", True) else len(of_category)
        png = "" if suppressed else pins_png(option.plan(), [(float(r.x), float(r.y), str(r.category))
                                                             for r in points.itertuples()], cat, dpi=dpi)
        pin_maps.append(PinMap(option_name=option.name, n=n, counts=counts, png=png, suppressed=suppressed))
    texts = [ApprovedText(text=str(r["text"]), option_name=str(r["option_name"]) if isinstance(r["option_name"], str) else "",
                          rating=whole(r["rating"]), language=str(r["language"] or ""))
             for r in aggregate.approved_texts(engine, project_id).to_dict("records")]
    return FeedbackSection(n_total=len(frame), by_option=by_option, by_kiosk=by_kiosk, items=items,
                           items_suppressed=bool(records) and all(bool(r["suppressed"]) for r in records),
                           pin_maps=pin_maps, texts=texts, min_group=min_group)
