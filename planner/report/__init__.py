"""The facilitator's report of the co-design process, as one HTML file or a PDF.

Stable API (used by the results page's download buttons and the command line):

    build_report_html(engine, project_id, lang="da", profile="br18") -> str
    build_report_pdf(engine, project_id, lang="da", profile="br18") -> bytes

``project_id`` is a project id or its name. An unknown project raises
input_forms.errors.NotFound; an unknown language or rule profile ValueError.
No streamlit here: the report runs from the command line too
(``python -m planner.report PROJECT -o report.html``).
"""

from .build import ReportRenderError, build_report_html, build_report_pdf, render_html, render_pdf
from .model import ReportData, collect_report

__all__ = ["build_report_html", "build_report_pdf", "collect_report", "render_html", "render_pdf", "ReportData",
           "ReportRenderError"]
