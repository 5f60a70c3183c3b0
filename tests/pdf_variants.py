"""PDFs made from the sample: a page without its text layer, a rotated page, encrypted, cut short."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


def without_text(source: Path, dest: Path, pages: list[int]) -> Path:
    """The text of the given 1-based pages removed and a picture of the page put in its place: what a
    scanned page gives a reader."""
    from PIL import Image

    pdf = pdfium.PdfDocument(source)
    for number in pages:
        page = pdf[number - 1]
        for obj in list(page.get_objects()):
            if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                page.remove_obj(obj)
        width, height = page.get_size()
        scan = pdfium.PdfImage.new(pdf)
        scan.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 85), "white")))
        scan.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(scan)
        page.gen_content()
    pdf.save(dest)
    pdf.close()
    return dest


def rotated(source: Path, dest: Path, number: int, degrees: int = 90) -> Path:
    pdf = pdfium.PdfDocument(source)
    pdf[number - 1].set_rotation(degrees)
    pdf.save(dest)
    pdf.close()
    return dest


def encrypted(source: Path, dest: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with open(dest, "wb") as f:
        writer.write(f)
    return dest
