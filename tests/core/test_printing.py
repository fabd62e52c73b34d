"""HTML to PDF that fetches nothing but the data: URIs PAIRsight itself puts in."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from pairsight.core.printing import html_to_pdf


def _pixel() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#005eb8").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _attachments(pdf: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdfdetach")
    if tool is None:
        pytest.skip("pdfdetach is missing: install poppler-utils")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run([tool, "-list", str(path)], check=True, capture_output=True, text=True)
    return listing.stdout


def test_nothing_is_fetched_from_a_server_or_the_disk(tmp_path, recording_server):
    server = recording_server
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-KEY-0123456789", encoding="utf-8")
    html = (
        "<!DOCTYPE html><html><head>"
        f'<link rel="stylesheet" href="{server.url}/style.css">'
        f"<style>@import url({server.url}/import.css); "
        f"body {{ background: url({server.url}/background.png) }}</style>"
        f'<link rel="attachment" href="file://{secret}">'
        "</head><body><p>Hello</p>"
        f'<img src="{server.url}/image.png" alt="">'
        f'<img src="file://{secret}" alt="">'
        f'<a rel="attachment" href="{server.url}/attached.txt">attached</a>'
        "</body></html>"
    )
    pdf = html_to_pdf(html)
    assert server.hits == []
    assert b"SECRET-KEY" not in pdf
    assert _attachments(pdf, tmp_path).startswith("0 embedded files")


def test_data_uris_still_work(tmp_path):
    pdf = tmp_path / "dot.pdf"
    pdf.write_bytes(html_to_pdf(f'<p>Dot</p><img src="data:image/png;base64,{_pixel()}" alt="">'))
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    )
    # Two header lines, then one line per image drawn.
    assert len(listing.stdout.splitlines()) == 3
