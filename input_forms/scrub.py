"""Scrubbing personal data out of free text before it is stored.

Citizens sometimes type who they are; the kiosk is anonymous by design, so
these are replaced by a marker *before* anything is written:

- Danish CPR numbers: ``ddmmyy-xxxx``, ``ddmmyy xxxx`` and ``ddmmyyxxxx``
  (any 6+4 digit group is treated as one: a wrong date is still a personal number).
- Phone numbers: Danish 8-digit numbers written ``12345678``, ``1234 5678`` or
  ``12 34 56 78`` (optionally with ``+45``/``0045``), and international ``+<digits>``.
- E-mail addresses.

Ordinary numbers ("waited 45 minutes", "room 3", "2024", "12-03-2024") are left alone.
"""

from __future__ import annotations

import re

__all__ = ["CPR_MARKER", "PHONE_MARKER", "EMAIL_MARKER", "scrub_text", "find_personal_data"]

CPR_MARKER = "[cpr removed]"
PHONE_MARKER = "[phone removed]"
EMAIL_MARKER = "[e-mail removed]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_CPR = re.compile(r"(?<![\d+])\d{6}[ \t]?[-‐‑–][ \t]?\d{4}(?!\d)|(?<![\d+])\d{6}[ \t]?\d{4}(?!\d)")
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)\d{2,3}[ \t.-]?)?"                 # country code
    r"(?:\d{8}|\d{4}[ \t.-]\d{4}|\d{2}([ \t.-])\d{2}\1\d{2}\1\d{2})"
    r"(?![\w])"
    r"|(?<![\w+])\+\d{1,3}(?:[ \t-]?\d){6,12}(?!\w)"  # any international number
)


def scrub_text(text: str) -> str:
    """The text with e-mail addresses, CPR numbers and phone numbers replaced by markers."""
    text = _EMAIL.sub(EMAIL_MARKER, text)
    text = _CPR.sub(CPR_MARKER, text)
    return _PHONE.sub(PHONE_MARKER, text)


def find_personal_data(text: str) -> list[str]:
    """The kinds of personal data found in ``text`` (for telling the facilitator what was removed)."""
    kinds = []
    if _EMAIL.search(text):
        kinds.append("e-mail")
    without_mail = _EMAIL.sub(" ", text)
    if _CPR.search(without_mail):
        kinds.append("cpr")
    if _PHONE.search(_CPR.sub(" ", without_mail)):
        kinds.append("phone")
    return kinds
