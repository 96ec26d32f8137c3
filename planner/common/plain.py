"""Citizen and staff text shown as plain text inside Streamlit's Markdown.

Why: st.markdown, st.write, st.caption, st.info/success/warning/error and st.subheader all read their
text as Markdown. A citizen's or a staff member's text put there unescaped can make the reader's browser
fetch an outside image (``![](https://…)``, which tells that server the reader's address, browser and
when they read), show a clickable outside link ("Log ind igen"), a huge heading, or Streamlit's own
colour and icon codes. ``md_escape`` puts a backslash before every ASCII punctuation character (CommonMark
turns each back into the character itself), so the text reads exactly as it was written and nothing in
it is taken as Markdown or HTML. Body text of its own goes through st.text, which is never Markdown.
"""

from __future__ import annotations

import string

__all__ = ["md_escape"]

_ESCAPE = {ord(c): "\\" + c for c in string.punctuation}


def md_escape(text: object) -> str:
    """``text`` as Markdown source that renders as exactly that text (line breaks kept as breaks)."""
    escaped = str(text).translate(_ESCAPE)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")
