"""A publication page read for what matters here: its PDF links on the same site, and its title
and date as hints for the report's metadata (html.parser from the standard library)."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Where publishers put a page's date: Open Graph / article, Dublin Core, schema.org and plain meta.
_DATE_META = ("article:published_time", "dc.date", "dc.date.issued", "dcterms.issued", "datepublished",
              "date", "publication_date")
_TITLE_META = ("og:title", "dc.title", "twitter:title")


@dataclass(frozen=True)
class PageHints:
    title: str | None = None
    published: str | None = None  # as the page gives it (an ISO date-time, usually)


@dataclass(frozen=True)
class Page:
    url: str
    pdf_links: tuple[str, ...]
    hints: PageHints


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str]] = []  # (href, type attribute)
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.title: list[str] = []
        self._in_title = False
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.links.append((values["href"], values.get("type", "")))
        elif tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"].strip())
        elif tag == "title":
            self._in_title = True
        elif tag == "h1" and not self.h1:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        if self._in_h1:
            self.h1.append(data)


def same_site(a: str, b: str) -> bool:
    """One site: the same host, with or without www. (and never another scheme than http(s))."""
    first, second = urlsplit(a), urlsplit(b)
    if second.scheme not in ("http", "https"):
        return False
    return _host(first.netloc) == _host(second.netloc)


def _host(netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1]
    return host[4:] if host.startswith("www.") else host


def looks_like_pdf_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def read_page(url: str, html: str) -> Page:
    """The same-site PDF links of a page (in page order, each once) and its title and date."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    base = urljoin(url, reader.base) if reader.base else url
    links: list[str] = []
    for href, kind in reader.links:
        target = urldefrag(urljoin(base, href.strip())).url
        if (looks_like_pdf_url(target) or kind.lower() == "application/pdf") and same_site(url, target):
            if target not in links:
                links.append(target)
    title = next((reader.meta[k] for k in _TITLE_META if reader.meta.get(k)), None) \
        or _clean("".join(reader.h1)) or _clean("".join(reader.title))
    published = next((reader.meta[k] for k in _DATE_META if reader.meta.get(k)), None) \
        or (reader.times[0] if reader.times else None)
    return Page(url=url, pdf_links=tuple(links), hints=PageHints(title=title, published=published))


def _clean(text: str) -> str | None:
    text = " ".join(text.split())
    return text or None


def looks_like_html(content_type: str, body: bytes) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    start = body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))
