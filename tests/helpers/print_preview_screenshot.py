"""The committed picture of the print preview: ``python -m tests.helpers.print_preview_screenshot [PATH]``.

Runs offscreen; waits for QtPdf's background page rendering before grabbing the dialog.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render(path: Path, layout: str = "a5") -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.reports import render_receipt
    from desktop.settings import Settings
    from tests.helpers import reports as sample
    from ui.print_preview import PrintPreviewDialog
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    ticket = sample.walk_in_ticket()
    pdf = render_receipt(
        ticket,
        sample.opd(),
        sample.officer(),
        layout=layout,  # type: ignore[arg-type]
        viewer_may_see_identity=True,
        category_name="Sarana dan prasarana kesehatan",
        now=sample.NOW,
        logo=sample.tiny_logo_png(),
    )
    with tempfile.TemporaryDirectory() as data_dir:
        dialog = PrintPreviewDialog(
            pdf,
            layout=layout,
            settings=Settings(),
            data_dir=Path(data_dir),
            title=f"Tanda terima {ticket.tracking_no}",
            file_name=f"tanda-terima-{ticket.tracking_no}.pdf",
        )
        dialog.show()
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < 1500:  # QtPdf renders pages on a worker thread
            QTest.qWait(50)
        path.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(path))
        dialog.close()
        dialog.deleteLater()  # before interpreter exit, so Qt tears the PDF view down in order
        QTest.qWait(50)
    return path


if __name__ == "__main__":
    print(render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/print-preview.png")))
