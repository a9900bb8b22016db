"""Printing the book with headless Chromium, and reading the PDF back with pdftotext.

Chromium runs with a throwaway profile (never the reader's own, and two builds
can print at once), no network, and no header or footer of its own: the page
numbers come from the book's CSS (``@page`` margin boxes, Chromium 131+).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--no-pdf-header-footer", "--generate-pdf-document-outline",
)
TIMEOUT_SECONDS = 120


class PdfError(RuntimeError):
    """Printing or reading a PDF failed; the message says which tool and why."""


def print_pdf(chromium: str, html: Path, pdf: Path) -> None:
    """Print the page at ``html`` (a file) to ``pdf`` with Chromium."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="rr-print-profile-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf}", html.resolve().as_uri()]
        result = _run(command)
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfError(f"{chromium} could not print {html} (exit {result.returncode}):\n{result.stderr.strip()[-2000:]}")


def pdf_page_texts(pdftotext: str, pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in order (pdftotext, reading order)."""
    result = _run([pdftotext, "-enc", "UTF-8", str(pdf), "-"])
    if result.returncode != 0:
        raise PdfError(f"{pdftotext} could not read {pdf}:\n{result.stderr.strip()}")
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfError(f"{command[0]}: {error}") from error
