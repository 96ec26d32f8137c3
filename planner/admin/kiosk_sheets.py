"""Kiosk links on paper and on screen: QR codes, the printable page, the address to suggest.

No streamlit here (tested on its own). The address a kiosk opens comes from the project's public
address (input_forms.kiosks.public_base_url), never from the host in the facilitator's browser:
following the README that host is localhost, and a QR code for localhost opens nothing on a tablet.
"""

from __future__ import annotations

import base64
import html
import io
import re
import socket
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import qrcode

from input_forms.kiosks import is_local_address

__all__ = ["KioskSheet", "qr_png", "print_page", "sheet_file_name", "suggested_address", "address_warning"]


@dataclass(frozen=True)
class KioskSheet:
    """One kiosk on paper: where it stands and the address it opens."""

    name: str
    url: str


@lru_cache(maxsize=128)
def qr_png(text: str) -> bytes:
    """A QR code of ``text`` (a kiosk address) as PNG, large enough to scan from a printed page (drawn once per
    address: every rerun of Admin shows each kiosk's code twice, on screen and in its printable page)."""
    buffer = io.BytesIO()
    qrcode.make(text, box_size=8, border=4).save(buffer, format="PNG")
    return buffer.getvalue()


_PRINT_CSS = """
@page { size: A4 portrait; margin: 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #111418; background: #fff; }
.sheet { min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center;
         gap: 8mm; padding: 12mm 0; text-align: center; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 30pt; margin: 0; line-height: 1.2; }
.project { font-size: 14pt; margin: 0; color: #3a4250; }
img { width: 120mm; max-width: 90vw; height: auto; image-rendering: pixelated; }
.how { font-size: 14pt; margin: 0; }
.address { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: 12pt; margin: 0;
           max-width: 170mm; overflow-wrap: anywhere; word-break: break-all; }
@media screen { body { background: #eef0f4; } .sheet { background: #fff; max-width: 210mm; margin: 0 auto 10mm;
                min-height: 277mm; } }
"""


def print_page(project_name: str, sheets: list[KioskSheet]) -> str:
    """A self-contained HTML page with one printed page per kiosk: its name, its QR code and its address.

    The QR code is an embedded PNG whose alt text is the address, so the page works offline and reads
    out the same address a phone would open.
    """
    parts = []
    for sheet in sheets:
        png = base64.b64encode(qr_png(sheet.url)).decode("ascii")
        name, url = html.escape(sheet.name), html.escape(sheet.url)
        parts.append(f"""<section class="sheet">
<h1>{name}</h1>
<p class="project">{html.escape(project_name)}</p>
<img src="data:image/png;base64,{png}" alt="{url}">
<p class="how">Scan the code with the kiosk tablet, or type the address below into its browser.</p>
<p class="address">{url}</p>
</section>""")
    title = html.escape(f"Kiosk links: {project_name}" if len(sheets) != 1 else f"Kiosk {sheets[0].name}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{_PRINT_CSS}</style>\n'
            f'</head>\n<body>\n<main>\n{chr(10).join(parts)}\n</main>\n</body>\n</html>\n')


def sheet_file_name(name: str) -> str:
    """A safe file name for a kiosk's printable page ("kiosk-reception-ground-floor.html")."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")).strip("-")
    return f"kiosk-{slug[:60] or 'page'}.html"


def _lan_ip() -> str | None:
    """This computer's address on its local network (no packet is sent: a UDP socket only picks a route)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            ip = probe.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


def suggested_address(browser_url: str | None, port: int, lan_ip: str | None = None) -> str:
    """The address to offer in the form: the browser's own when it is not local, else this computer's network
    address with the app's port (``lan_ip`` is looked up when not given), else the browser's (local) one."""
    try:
        parts = urlsplit(browser_url or "")
        browser = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.hostname else ""
    except ValueError:  # a malformed host (a broken IPv6 literal)
        browser = ""
    if browser and not is_local_address(browser):
        return browser
    ip = lan_ip if lan_ip is not None else _lan_ip()
    if ip:
        return f"http://{ip}:{port}"
    return browser or f"http://localhost:{port}"


def address_warning(base_url: str | None, suggestion: str) -> str | None:
    """What is wrong with the public address for a tablet, in words; None when nothing is."""
    hint = (f" (probably {suggestion})"
            if suggestion and not is_local_address(suggestion) else "")
    if base_url is None:
        return ("No public address is set, so there are no kiosk links or QR codes yet. Enter the address tablets "
                f"and phones in the job centre open this app at{hint}; on a server, its name, "
                "such as https://planner.kommune.dk.")
    if is_local_address(base_url):
        return (f"The public address {base_url} only works on this computer: a tablet or phone that opens the link "
                f"or scans the QR code reaches itself, not this app. Enter this computer's network address{hint} or "
                "the server's name.")
    return None
