"""The only module that imports pdfplumber: one pass over each page, words with positions and fonts."""
from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import zlib
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfminer.pdftypes import PDFStream, resolve1
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import (
    ChangedDuringRead, CorruptPdf, EmptyFile, EncryptedPdf, InputError, NoPages, NotAFile, NotAPdf, ResourceLimit,
    Vanished,
)
from pipeline.models import Box, ParsedDocument, ParsedPage, Word

# Font names carry weight and slant as a suffix ("Arial-BoldMT", "Calibri,Bold", "Frutiger-Black",
# "Helvetica-Oblique", "TimesNewRomanPS-ItalicMT", Adobe's "MyriadPro-It" and "MinionPro-BoldIt").
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique|[-,](?:bold|semibold)?it\b|,i\b|,bi\b", re.IGNORECASE)
# A drawn rectangle holds text when it is at least this big (points); smaller shapes beside a line
# are bullets drawn as graphics. A shape covering nearly the whole page is its background.
_MIN_BOX = (24.0, 9.0)
_MARK_SIZE = (1.5, 9.0)
_BACKGROUND_SHARE = 0.8
_UPRIGHT_SHARE = 0.8
_HASH_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks: the batch's quick check for files already stored."""
    digest = hashlib.sha256()
    with _opened(path) as fd:
        for chunk in iter(lambda: os.read(fd, _HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(path: Path) -> bytes:
    """The file's bytes, read once through one handle: what is parsed is what is hashed.

    A file written to while it was read is refused rather than stored as a mixture of two
    versions; one replaced (renamed over) meanwhile is read whole from the open handle.
    """
    with _opened(path) as fd:
        before = os.fstat(fd)
        data = _read_all(fd)
        after = os.fstat(fd)
    if _version(before) != _version(after) or len(data) != after.st_size:
        raise ChangedDuringRead("the file changed while it was read; try again")
    return data


def _read_all(fd: int) -> bytes:
    chunks = []
    for chunk in iter(lambda: os.read(fd, _HASH_CHUNK), b""):
        chunks.append(chunk)
    return b"".join(chunks)


def _version(status: os.stat_result) -> tuple:
    # ctime moves on every write, even one that restores the size and the mtime.
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


@contextmanager
def _opened(path: Path) -> Iterator[int]:
    try:
        # Non-blocking, so a FIFO put where a file was never waits for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Vanished() from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile.of_mode(mode)
        try:
            yield fd
        except OSError as exc:  # an I/O error while reading
            raise InputError(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


def _check_header(head: bytes) -> None:
    """Refuse files that cannot be PDFs before pdfminer spends time on them."""
    if not head:
        raise EmptyFile("empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise NotAPdf("not a PDF (no %PDF header)")


def parse_pdf(path: Path, password: str | None = None, sha256: str | None = None) -> ParsedDocument:
    """Open the PDF once and read every page's words in a single pass, closing each page after use."""
    with open_pdf(path, password=password, sha256=sha256) as document:
        return replace(document, pages=tuple(document.pages))


@contextmanager
def open_pdf(path: Path, password: str | None = None, sha256: str | None = None) -> Iterator[ParsedDocument]:
    """The document with its pages read lazily: `pages` is a one-shot iterator, valid inside the block.

    Ingest lays out each page as soon as it is read, so a long report's words (about 0.2 MB a
    page) are never all in memory at once. The file's bytes are read once and parsed from memory,
    and `sha256` is theirs unless the caller names another (an OCR'd copy is stored under its
    scan's hash). Failures while opening or reading come out as InputErrors.
    """
    path = Path(path)
    data = read_file(path)
    _check_header(data[:1024])
    with read_pages(data, password) as (title, pages):
        yield ParsedDocument(
            path=str(path),
            file=path.name,
            sha256=sha256 or hashlib.sha256(data).hexdigest(),
            size_bytes=len(data),
            pages=pages,  # type: ignore[arg-type]
            metadata_title=title,
        )


@contextmanager
def read_pages(data: bytes, password: str | None) -> Iterator[tuple[str | None, Iterator[ParsedPage]]]:
    """pdfplumber's reading of a PDF's bytes: its metadata title, and its pages one at a time.

    Everything pdfplumber decides is here and depends on nothing but the bytes and the password
    (the test suite keeps what it returned for bytes it has read before: tests/once.py)."""
    with _classified():
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    try:
        with _classified():
            title = _metadata_title(pdf.metadata)
            pages = pdf.pages
            if not pages:
                raise _why_no_pages(pdf.doc)
        yield title, _stream(pages)
    finally:
        _close(pdf)


def _why_no_pages(document) -> InputError:
    """pdfminer skips a page-tree node it has already seen, so a tree that loops reads as empty."""
    on_path: set[int] = set()
    done: set[int] = set()
    stack: list[tuple[object, bool]] = [(document.catalog.get("Pages"), False)]
    while stack:
        ref, leaving = stack.pop()
        key = getattr(ref, "objid", None)
        if leaving and key is not None:  # only a node with an id is pushed again to be left
            on_path.discard(key)
            done.add(key)
            continue
        if key in on_path:
            return CorruptPdf("corrupt PDF: its page tree loops back on itself, so no page can be read")
        if key is not None:
            if key in done:
                continue
            on_path.add(key)
            stack.append((ref, True))
        node = resolve1(ref)
        kids = resolve1(node.get("Kids")) if isinstance(node, dict) else None
        if isinstance(kids, list):
            stack.extend((kid, False) for kid in reversed(kids))
    return NoPages("the PDF has no pages")


def _close(pdf) -> None:
    try:
        pdf.close()
    except Exception:  # close() walks the pages again, which fails where reading them failed
        stream = getattr(pdf, "stream", None)
        if stream is not None and not stream.closed:
            stream.close()


def _stream(pages) -> Iterator[ParsedPage]:
    for page in pages:
        try:
            with _classified():
                parsed = _read_page(page)
        finally:
            # pdfplumber caches each page's objects; without this its memory grows ~2.6 MB a page.
            page.close()
        yield parsed


# What pdfminer raises on damaged files; anything else is a bug and is reported as one by ingest.
_DAMAGE = (
    PSException, MalformedPDFException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
    NotImplementedError, ZeroDivisionError, OverflowError, EOFError, zlib.error, struct.error,
)


@contextmanager
def _classified() -> Iterator[None]:
    try:
        yield
    except PdfminerException as exc:
        raise _classify(exc.args[0] if exc.args else exc) from exc
    except (PDFPasswordIncorrect, MemoryError) as exc:
        raise _classify(exc) from exc
    except _DAMAGE as exc:
        raise _classify(exc) from exc


def _classify(original) -> Exception:
    if isinstance(original, PDFPasswordIncorrect):
        return EncryptedPdf("encrypted: a password is needed (use --password)")
    if isinstance(original, MemoryError):
        return ResourceLimit("ran out of memory while parsing (limit per file: --max-memory)")
    text = " ".join(str(original).split())
    return CorruptPdf(f"corrupt PDF: {type(original).__name__}: {text}"[:200].rstrip(": "))


def _read_page(page) -> ParsedPage:
    # A page with no font anywhere in its resources cannot print text; interpreting its drawing
    # (often thousands of vector paths for outlined text or a scan) would only cost time.
    if not _may_have_text(page):
        return ParsedPage(page.page_number, round(float(page.width), 2), round(float(page.height), 2), ())
    raw_words = page.extract_words(
        extra_attrs=["size", "fontname", "upright"],
        keep_blank_chars=False,
        use_text_flow=False,
        x_tolerance=1.5,
        y_tolerance=2.5,
    )
    # Text set sideways on an upright page (a stamp, a margin title) is no part of its flow; a page
    # printed sideways throughout is kept whole.
    upright = sum(1 for w in raw_words if w.get("upright", True))
    if upright >= len(raw_words) * _UPRIGHT_SHARE:
        raw_words = [w for w in raw_words if w.get("upright", True)]
    words = tuple(
        Word(
            text=_symbol(w["text"], w.get("fontname") or ""),
            x0=round(float(w["x0"]), 2),
            x1=round(float(w["x1"]), 2),
            top=round(float(w["top"]), 2),
            bottom=round(float(w["bottom"]), 2),
            size=round(float(w["size"]), 2),
            bold=bool(_BOLD_FONT.search(w.get("fontname") or "")),
            italic=bool(_ITALIC_FONT.search(w.get("fontname") or "")),
        )
        for w in raw_words
        if w["text"].strip()
    )
    boxes, marks = _shapes(page) if words else ((), ())
    return ParsedPage(
        number=page.page_number,
        width=round(float(page.width), 2),
        height=round(float(page.height), 2),
        words=words,
        boxes=boxes,
        marks=marks,
    )


# Symbol fonts print bullets as ordinary letters ("n" in ZapfDingbats is a black square, "l" a
# dot): the text a reader sees there is a bullet, not the letter.
_SYMBOL_FONT = re.compile(r"dingbat|wingding|webding|symbol", re.IGNORECASE)


def _symbol(text: str, fontname: str) -> str:
    return "•" if len(text) <= 2 and _SYMBOL_FONT.search(fontname) else text


def _shapes(page) -> tuple[tuple[Box, ...], tuple[Box, ...]]:
    """Rectangles (and closed curves) that can hold text, and small shapes that can be bullets.

    Only shapes that show: filled in a colour other than white, or outlined. The page's objects
    are already parsed for its words, so this costs a walk over a list.
    """
    area = float(page.width) * float(page.height)
    boxes: list[Box] = []
    marks: list[Box] = []
    for shape in list(page.rects) + list(page.curves):
        visible = (shape.get("fill") and not _is_white(shape.get("non_stroking_color"))) or shape.get("stroke")
        if not visible:
            continue
        width, height = float(shape["x1"]) - float(shape["x0"]), float(shape["bottom"]) - float(shape["top"])
        box = Box(round(float(shape["x0"]), 2), round(float(shape["x1"]), 2),
                  round(float(shape["top"]), 2), round(float(shape["bottom"]), 2))
        if width >= _MIN_BOX[0] and height >= _MIN_BOX[1]:
            if width * height < area * _BACKGROUND_SHARE:
                boxes.append(box)
        elif _MARK_SIZE[0] <= width <= _MARK_SIZE[1] and _MARK_SIZE[0] <= height <= _MARK_SIZE[1]:
            marks.append(box)
    return tuple(dict.fromkeys(boxes)), tuple(dict.fromkeys(marks))


def _is_white(colour) -> bool:
    if colour is None:
        return False  # pdfminer's default fill is black
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False  # a pattern or a named colour space: it shows
    if len(numbers) == 4:  # CMYK: no ink is white
        return all(v <= 0.03 for v in numbers)
    return bool(numbers) and all(v >= 0.97 for v in numbers)


def _may_have_text(page) -> bool:
    try:
        return _resources_have_fonts(page.page_obj.resources, set())
    except Exception:  # an odd resource tree: let the full parse decide
        return True


def _resources_have_fonts(resources, seen: set[int]) -> bool:
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return False
    if resolve1(resources.get("Font")):
        return True
    xobjects = resolve1(resources.get("XObject")) or {}
    for ref in xobjects.values() if isinstance(xobjects, dict) else ():
        key = getattr(ref, "objid", None) or id(ref)
        if key in seen:
            continue
        seen.add(key)
        xobject = resolve1(ref)
        if not isinstance(xobject, PDFStream):
            continue
        subtype = resolve1(xobject.attrs.get("Subtype"))
        if getattr(subtype, "name", subtype) == "Form" and _resources_have_fonts(xobject.attrs.get("Resources"), seen):
            return True
    # Patterns can draw text too; anything there means "maybe".
    return bool(resolve1(resources.get("Pattern")))


def _metadata_title(metadata: dict) -> str | None:
    title = metadata.get("Title") if metadata else None
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    if not isinstance(title, str):
        return None
    title = " ".join(title.replace("\x00", "").split())
    return title or None



# A page object's type: "/Type /Page", not "/Pages" (a node of the page tree) nor "/PageLabel".
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_estimate(path: Path) -> int | None:
    """Pages the file seems to hold, from its raw bytes, for progress estimates only: no parser
    runs in the batch's own process (a hostile file meets the parser only in a limited worker).
    None when the page objects are compressed out of sight (object streams) or the file unreadable."""
    try:
        with open(path, "rb") as handle:
            count = len(_PAGE_OBJECT.findall(handle.read()))
    except OSError:
        return None
    return count or None
