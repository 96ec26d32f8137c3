"""Kiosk links on paper: the QR code, the printable page, the address suggested and the warning about it."""

from __future__ import annotations

import base64
import io
import re

import pytest
import qrcode
from PIL import Image

from planner.admin.kiosk_sheets import (
    KioskSheet,
    address_warning,
    print_page,
    qr_png,
    sheet_file_name,
    suggested_address,
)

URL = "https://planner.aaby.dk/?kiosk=demo-kiosk&embed=true"


def modules(png: bytes, box: int = 8, border: int = 4) -> list[list[bool]]:
    """The dark modules of a QR picture, read back from its pixels (the centre of each box)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    count = image.width // box - 2 * border
    return [[image.getpixel(((border + c) * box + box // 2, (border + r) * box + box // 2)) < 128
             for c in range(count)] for r in range(count)]


def test_the_qr_code_holds_the_address_it_is_made_for():
    code = qrcode.QRCode(border=0)
    code.add_data(URL)
    code.make(fit=True)
    assert modules(qr_png(URL)) == code.get_matrix()
    assert modules(qr_png(URL)) != modules(qr_png(URL.replace("demo", "other")))


def test_the_printable_page_has_one_sheet_per_kiosk_with_name_qr_and_address():
    sheets = [KioskSheet("Reception, stueetage", URL), KioskSheet("Ventesal", URL.replace("demo-kiosk", "v2"))]
    page = print_page("Jobcenter Åby", sheets)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert page.count('<section class="sheet">') == 2 and "break-after: page" in page and "@page" in page
    assert "<h1>Reception, stueetage</h1>" in page and "<h1>Ventesal</h1>" in page
    escaped = URL.replace("&", "&amp;")
    assert f'alt="{escaped}"' in page and f'<p class="address">{escaped}</p>' in page
    embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(embedded) == 2 and base64.b64decode(embedded[0]) == qr_png(URL)
    assert "http" not in page.split("<body>")[0].replace("http-equiv", "")  # nothing fetched from elsewhere


def test_a_kiosk_name_is_text_on_the_page_never_markup():
    page = print_page("P <b>", [KioskSheet('<script>alert(1)</script> "x"', URL)])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;" in page
    assert "<title>Kiosk &lt;script&gt;" in page and "P &lt;b&gt;" in page


@pytest.mark.parametrize(("name", "file"), [
    ("Reception, stueetage", "kiosk-reception-stueetage.html"), ("Trappen, 1. sal", "kiosk-trappen-1-sal.html"),
    ("Gården ved æbletræet", "kiosk-gaarden-ved-aebletraeet.html"), ("???", "kiosk-page.html"),
])
def test_file_names_are_safe(name, file):
    assert sheet_file_name(name) == file


@pytest.mark.parametrize(("browser", "lan", "expected"), [
    ("https://planner.aaby.dk/admin", "192.168.1.20", "https://planner.aaby.dk"),
    ("http://localhost:8501/admin", "192.168.1.20", "http://192.168.1.20:8501"),
    ("http://127.0.0.1:8501/", "", "http://127.0.0.1:8501"),
    ("", "", "http://localhost:8501"),
    ("http://[::1", "10.0.0.5", "http://10.0.0.5:8501"),
])
def test_the_suggested_address_is_one_a_tablet_can_open_when_there_is_one(browser, lan, expected):
    assert suggested_address(browser, 8501, lan_ip=lan) == expected


def test_the_warning_says_what_is_wrong_and_what_to_enter():
    unset = address_warning(None, "http://192.168.1.20:8501")
    assert unset.startswith("No public address is set") and "(probably http://192.168.1.20:8501)" in unset
    local = address_warning("http://localhost:8501", "http://192.168.1.20:8501")
    assert local.startswith("The public address http://localhost:8501 only works on this computer")
    assert "probably" not in address_warning("http://127.0.0.1:8501", "http://127.0.0.1:8501")
    assert address_warning("http://192.168.1.20:8501", "http://192.168.1.20:8501") is None
