"""The kiosk feedback section: ratings per option and kiosk, 'calmer' items, pin maps and approved texts.

Every figure and text comes from ``input_forms.publication`` (approved text of published entries only;
hidden groups arrive without their count, and no published figure includes them); a 'calmer' item fewer
than MIN_GROUP answers chose is hidden here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from input_forms import publication
from input_forms.models import LayoutOption

from .figures import pins_png
from .i18n import Catalogue
from .values import isnan, number, whole

__all__ = ["OptionFeedback", "ItemShare", "PIN_CATEGORIES", "PinMap", "ApprovedText", "FeedbackSection",
           "feedback_section"]


@dataclass(frozen=True)
class OptionFeedback:
    name: str
    n: int | None  # None when hidden
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
    n: int | None  # published pins on the plan; None when hidden
    #: published pins per category, None where the publication hides the category (below MIN_GROUP, and the
    #: next smallest with it); empty when the whole map is hidden.
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
    """What citizens said at the kiosks, as input_forms.publication publishes it (hidden groups without n)."""
    published = publication.publish(engine, project_id)
    by_option = [
        OptionFeedback(name=str(r["option_name"]) if r["option_id"] is not None and not isnan(r["option_id"]) else cat.t("feedback.no_plan"),
                       n=whole(r["n"]), mean_rating=number(r["mean_rating"]), share_positive=number(r["share_positive"]),
                       suppressed=bool(r["suppressed"]))
        for r in published.by_option.to_dict("records")
    ]
    by_kiosk = [
        OptionFeedback(name=str(r["kiosk_label"]), n=whole(r["n"]), mean_rating=number(r["mean_rating"]),
                       share_positive=number(r["share_positive"]), suppressed=bool(r["suppressed"]))
        for r in published.by_kiosk.to_dict("records")
    ]
    min_group = published.min_group
    records = published.item_shares().to_dict("records")
    items = []
    for r in records:
        chosen = whole(r["n_choosing"])
        # the report also hides an item that fewer than min_group published answers chose (count and share:
        # the share times the total gives the count); items are chosen independently, so no sum gives it back
        hidden = bool(r["suppressed"]) or chosen is None or chosen < min_group
        items.append(ItemShare(label=str(r["label_da"] if cat.lang == "da" else r["label_en"]),
                               n_choosing=None if hidden else chosen, share=None if hidden else number(r["share"]),
                               suppressed=hidden))
    pin_maps: list[PinMap] = []
    for option in options:
        # every option gets its map, hidden or not: leaving one out would say that nobody pinned it
        points = published.pins(option.id)
        suppressed = bool(points.attrs["suppressed"])
        png = "" if suppressed else pins_png(option.plan(), [(float(r.x), float(r.y), str(r.category))
                                                             for r in points.itertuples()], cat, dpi=dpi)
        pin_maps.append(PinMap(option_name=option.name, n=points.attrs["n"],
                               counts=published.category_counts(option.id), png=png, suppressed=suppressed))
    texts = [ApprovedText(text=str(r["text"]), option_name=str(r["option_name"]) if isinstance(r["option_name"], str) else "",
                          rating=whole(r["rating"]), language=str(r["language"] or ""))
             for r in published.approved_texts().to_dict("records")]
    return FeedbackSection(n_total=published.n_published, by_option=by_option, by_kiosk=by_kiosk, items=items,
                           items_suppressed=bool(records) and all(bool(r["suppressed"]) for r in records),
                           pin_maps=pin_maps, texts=texts, min_group=min_group)
