"""Render the report: ReportData -> HTML (Jinja2, autoescaped) -> PDF (xhtml2pdf).

The HTML is one self-contained file (CSS inline, pictures as base64 PNG) that
prints cleanly from a browser. The PDF is made from the same template with a
print variant of the CSS that xhtml2pdf understands (CSS 2.1 subset, page
frames for the footer, DejaVu Sans from matplotlib for æ/ø/å, ≥, ✓ and ✗).
Autoescaping is on for every template: citizen text can never become markup.
"""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from sqlalchemy import Engine

from .i18n import Catalogue
from .model import ReportData, collect_report

__all__ = ["render_html", "render_pdf", "build_report_html", "build_report_pdf", "ReportRenderError"]

TEMPLATES = Path(__file__).parent / "templates"
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
PDF_IMAGE_WIDTH = 675  # px at xhtml2pdf's 96 dpi = 506 pt (the A4 frame between 1.5 cm margins is ~510 pt)


class ReportRenderError(RuntimeError):
    """xhtml2pdf could not lay the report out (names what it reported)."""


@cache
def _env() -> Environment:
    # autoescape=True for every template (not select_autoescape by extension): citizen text is escaped.
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


@cache
def _css(pdf: bool) -> str:
    if not pdf:
        return (TEMPLATES / "report.css").read_text(encoding="utf-8")
    text = (TEMPLATES / "pdf.css").read_text(encoding="utf-8")
    for key, name in (("{{FONT}}", "DejaVuSans.ttf"), ("{{FONT_BOLD}}", "DejaVuSans-Bold.ttf"),
                      ("{{FONT_ITALIC}}", "DejaVuSans-Oblique.ttf"), ("{{FONT_BOLD_ITALIC}}", "DejaVuSans-BoldOblique.ttf")):
        text = text.replace(key, (_FONTS / name).as_posix())
    return text


def render_html(data: ReportData, *, pdf: bool = False) -> str:
    """The report as HTML (``pdf=True``: the variant laid out for xhtml2pdf)."""
    cat = Catalogue(data.lang)
    template = _env().get_template("report.html.j2")
    context: dict[str, Any] = {
        "r": data,
        "pdf": pdf,
        "css": Markup(_css(pdf)),  # our own file, not user input
        "pdf_img_width": PDF_IMAGE_WIDTH,
        "t": cat.t,
        "has": cat.has,  # a text only this language has (e.g. the Danish note that clause texts are in English)
        "num": cat.num,
        "pct": cat.pct,
        "date": cat.date,
        "measure": cat.measure,
    }
    return template.render(**context)


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer)."""
    from xhtml2pdf import pisa

    html = render_html(data, pdf=True)
    out = io.BytesIO()
    # xhtml2pdf logs every CSS property it skips at WARNING; keep a command line quiet.
    logger = logging.getLogger("xhtml2pdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        status = pisa.CreatePDF(src=html, dest=out, encoding="utf-8")
    finally:
        logger.setLevel(level)
    if status.err:
        raise ReportRenderError(f"xhtml2pdf reported {status.err} error(s) while laying out the report")
    return out.getvalue()


def build_report_html(engine: Engine, project_id: int | str, lang: str = "da", profile: str = "br18") -> str:
    """The self-contained HTML report of a project (id or name). Unknown project: input_forms.errors.NotFound."""
    return render_html(collect_report(engine, project_id, lang=lang, profile=profile))


def build_report_pdf(engine: Engine, project_id: int | str, lang: str = "da", profile: str = "br18") -> bytes:
    """The PDF report of a project (id or name). Unknown project: input_forms.errors.NotFound."""
    return render_pdf(collect_report(engine, project_id, lang=lang, profile=profile))
