"""The print preview with a real Qt event loop: pages shown, saved bytes, printing to a PDF printer.

No real printer exists here: printing goes through a ``QPrinter`` in PDF-file mode, the output
read back with poppler's ``pdftotext``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop.reports import render_receipt
from desktop.settings import Settings
from tests.helpers import reports as sample
from ui.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

TRACKING = "DINKES-BWI-2603-K7Q-0042"


def receipt(layout: str = "a4", *, long_body: bool = False) -> bytes:
    body = (
        ("Keluhan panjang tentang antrean puskesmas yang tidak kunjung membaik. " * 120)
        if long_body
        else None
    )
    return render_receipt(
        sample.walk_in_ticket(tracking_no=TRACKING, body=body),
        sample.opd(),
        sample.officer(),
        layout=layout,  # type: ignore[arg-type]
        viewer_may_see_identity=True,
        now=sample.NOW,
    )


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def open_preview(qtbot: QtBot, pdf: bytes, layout: str, data_dir: Path) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, layout=layout, settings=Settings.load(data_dir), data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(path: Path, dialog: PrintPreviewDialog) -> QPrinter:
    printer = dialog.configured_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize(("layout", "long_body"), [("a4", False), ("a5", True)])
def test_preview_shows_every_page_of_the_document(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, layout: str, long_body: bool
) -> None:
    pdf = receipt(layout, long_body=long_body)
    (tmp_path / "r.pdf").write_bytes(pdf)
    expected = page_count(tmp_path / "r.pdf")

    dialog = open_preview(qtbot, pdf, layout, data_dir)

    assert dialog.document.status() is QPdfDocument.Status.Ready
    assert dialog.page_count() == expected
    assert (expected > 1) is long_body
    assert f"{expected} halaman" in dialog.page_count_label.text()
    assert dialog.print_button.isEnabled()


def test_save_as_pdf_writes_the_same_bytes(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    pdf = receipt("a5")
    dialog = open_preview(qtbot, pdf, "a5", data_dir)
    folder = tmp_path / "arsip"
    folder.mkdir()
    target = folder / "tanda-terima.pdf"
    target.write_bytes(b"an older file that is replaced whole")

    with qtbot.waitSignal(dialog.saved) as blocker:
        assert dialog.save_to(target)

    assert blocker.args == [target]
    assert target.read_bytes() == pdf
    assert sorted(p.name for p in folder.iterdir()) == ["tanda-terima.pdf"]  # no temporary left


def test_save_into_a_missing_folder_fails_visibly(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    dialog = open_preview(qtbot, receipt("a5"), "a5", data_dir)
    with qtbot.waitSignal(dialog.failed) as blocker:
        assert not dialog.save_to(tmp_path / "tidak-ada" / "r.pdf")
    assert "tidak-ada" in blocker.args[0]


def gray_pages(pdf: Path, folder: Path, prefix: str) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / prefix)], check=True)
    return [Image.open(p).convert("L") for p in sorted(folder.glob(f"{prefix}*.pgm"))]


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two greyscale pages (0 same, 255 opposite), blurred so that
    anti-aliasing differences between a rendered picture and vector text do not count."""
    # The sheet is the page's size rounded to the printer's units: a pixel either way at most.
    assert abs(a.width - b.width) <= 1 and abs(a.height - b.height) <= 1
    a = a.resize(b.size)
    soft = ImageFilter.GaussianBlur(2)
    return float(ImageStat.Stat(ImageChops.difference(a.filter(soft), b.filter(soft))).mean[0])


@pytest.mark.parametrize("layout", ["a4", "thermal80"])
def test_printing_renders_each_page_onto_the_printer(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, layout: str
) -> None:
    pdf = receipt(layout)
    original = tmp_path / "original.pdf"
    original.write_bytes(pdf)
    dialog = open_preview(qtbot, pdf, layout, data_dir)
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed, dialog)
    printer.setResolution(300)

    with qtbot.waitSignal(dialog.printed):
        assert dialog.print_to(printer, raster=True)  # the path a physical printer takes

    # Each page is a picture at the printer's resolution that looks like the document's page.
    images = subprocess.run(["pdfimages", "-list", str(printed)], capture_output=True, text=True, check=True)
    widths = [int(line.split()[3]) for line in images.stdout.splitlines()[2:]]
    expected_px = {"a4": 2480, "thermal80": 945}[layout]  # sheet width at 300 dpi
    assert widths and abs(max(widths) - expected_px) <= 2
    ours, theirs = gray_pages(printed, tmp_path, "p"), gray_pages(original, tmp_path, "o")
    assert len(ours) == len(theirs) == dialog.page_count()
    blank = Image.new("L", theirs[0].size, 255)
    shifted = theirs[0].transform(theirs[0].size, Image.Transform.AFFINE, (1, 0, 0, 0, 1, 8), fillcolor=255)
    # Same page: ~3 here; a blank sheet or the page 5 mm off: ~15 or more.
    assert (
        difference(ours[0], theirs[0]) < 7 < min(difference(blank, theirs[0]), difference(shifted, theirs[0]))
    )


def test_print_to_pdf_file_keeps_the_text(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    dialog = open_preview(qtbot, receipt("a4"), "a4", data_dir)
    printed = tmp_path / "printed.pdf"

    with qtbot.waitSignal(dialog.printed):
        assert dialog.print_to(pdf_printer(printed, dialog))

    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    assert TRACKING in text
    assert "CATATAN INTERNAL" not in text


def test_printer_and_paper_are_remembered_per_layout(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    settings = Settings.load(data_dir)
    settings.printers["thermal80"] = {"printer": "EPSON-TM-T82"}  # the walk-in desk's roll printer
    settings.save(data_dir)
    first = open_preview(qtbot, receipt("a5"), "a5", data_dir)
    assert first.configured_printer().pageLayout().pageSize().id() is QPageSize.PageSizeId.A5  # the PDF's own
    printer = pdf_printer(tmp_path / "a.pdf", first)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the officer picks A4 in the print dialog
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    assert first.print_to(printer)
    first.close()

    again = open_preview(qtbot, receipt("a5"), "a5", data_dir)
    layout = again.configured_printer().pageLayout()
    assert layout.pageSize().id() is QPageSize.PageSizeId.A4
    assert layout.orientation() is QPageLayout.Orientation.Landscape
    saved = Settings.load(data_dir).printers
    assert saved["a5"]["paper"] == "A4"
    assert saved["thermal80"] == {"printer": "EPSON-TM-T82"}  # another layout's choice untouched
    other = open_preview(qtbot, receipt("a4"), "a4", data_dir)
    assert other.configured_printer().pageLayout().pageSize().id() is QPageSize.PageSizeId.A4
    assert other.configured_printer().pageLayout().orientation() is QPageLayout.Orientation.Portrait
