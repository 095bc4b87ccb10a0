"""Tiny PDFs for the robustness, parallel, crash and concurrency tests: good reports and bad inputs.

Every maker writes the same bytes on every run (reportlab's invariant mode), so a file's sha256,
and with it its report id, is stable.
"""
from __future__ import annotations

import random
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
BODY = [
    "The force has improved how it records crime and how it keeps victims",
    "informed about the progress of their case. It has put in place a new",
    "system to make sure that officers update victims within five days.",
    "However, the force does not always record the outcome of investigations",
    "accurately, and some victims were not told that their case had closed.",
]


def _canvas(path: Path, **kwargs) -> canvas.Canvas:
    return canvas.Canvas(str(path), pagesize=A4, invariant=1, **kwargs)


def make_report(path: Path, title: str, pages: int = 3, encrypt: str | None = None) -> Path:
    """A cover and body pages of prose with one numbered recommendation; `title` makes the bytes unique."""
    pdf = _canvas(path, encrypt=encrypt)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(72, HEIGHT - 200, title)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, HEIGHT - 240, "Published on: 8 March 2023")
    pdf.showPage()
    for number in range(2, pages + 1):
        pdf.setFont("Helvetica", 11)
        y = HEIGHT - 100
        for text in BODY[number % len(BODY):] + BODY[: number % len(BODY)]:
            pdf.drawString(72, y, text)
            y -= 15
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, y - 15, f"Recommendation {number - 1}")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, y - 30, f"By 31 March 2025, the force should review its {title.lower()} process.")
        pdf.drawCentredString(WIDTH / 2, 40, str(number))
        pdf.showPage()
    pdf.save()
    return path


def make_long(path: Path, pages: int) -> Path:
    """Many short pages: a PDF with thousands of pages that is cheap to make and to parse."""
    pdf = _canvas(path)
    pdf.setTitle("A very long annex")
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 11)
        y = HEIGHT / 2
        for text in BODY[number % len(BODY):][:2]:
            pdf.drawString(72, y, text)
            y -= 15
        pdf.drawString(72, y, f"Annex table {number}: the force recorded {number * 7} crimes.")
        pdf.showPage()
    pdf.save()
    return path


def make_image_only(path: Path) -> Path:
    """Pages with drawing but no text layer, as a scan or outlined text would be."""
    pdf = _canvas(path)
    for _ in range(2):
        for row in range(20):
            pdf.rect(72, HEIGHT - 100 - row * 20, 300 + (row % 5) * 20, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def make_bomb(path: Path, glyphs: int) -> Path:
    """A small file whose one page prints `glyphs` characters: pdfminer takes time and memory in
    proportion (a compressed content stream of repeated text), as a pathological real file does."""
    content = b"BT /F1 1 Tf " + b"(x) Tj 0.01 0 Td " * glyphs + b"ET"
    return _write_pdf(path, zlib.compress(content, 9))


def make_zip_bomb(path: Path, megabytes: int) -> Path:
    """A page whose compressed content stream inflates to `megabytes` of blanks: the parser needs
    that much memory at once, then parses blanks for a long time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate; the zlib wrapper is added below
    chunk = b" " * (1 << 20)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor starts afresh, so every further megabyte packs the same way.
    again = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    body = first + again * (megabytes - 1) + packer.flush()
    compressed = b"\x78\xda" + body + checksum.to_bytes(4, "big")
    return _write_pdf(path, compressed)


def _write_pdf(path: Path, compressed_content: bytes) -> Path:
    return _write_objects(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed_content)
        + compressed_content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def make_no_pages(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    return _write_objects(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def make_page_tree_loop(path: Path) -> Path:
    """A page tree whose second node lists the first as its child: no page is ever reached."""
    return _write_objects(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def _write_objects(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def truncated(source: Path, path: Path, share: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])
    return path


def flipped(source: Path, path: Path, seed: int, flips: int = 40) -> Path:
    """`flips` random bytes overwritten, past the header so the file still claims to be a PDF."""
    data = bytearray(source.read_bytes())
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(16, len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return path


def random_bytes(path: Path, seed: int, size: int = 4096, header: bool = True) -> Path:
    rng = random.Random(seed)
    path.write_bytes((b"%PDF-1.7\n" if header else b"") + bytes(rng.randrange(256) for _ in range(size)))
    return path


def html_page(path: Path) -> Path:
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>PEEL 2023</title></head>\n"
        "<body><p>Your download will start shortly.</p></body></html>\n",
        encoding="utf-8",
    )
    return path
