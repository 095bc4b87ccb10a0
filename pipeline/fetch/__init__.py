"""Fetching reports from the web (issue16-fetch): a polite HTTP client (http.py), publication
pages read for their PDF links (pages.py), RSS/Atom feeds (feed.py), the walk from URLs and feeds
to files on disk with its state in the database (fetcher.py), and the hand-over to the ingest
batch with each report's provenance (batch.py)."""
from pipeline.fetch.batch import NewReport, files_to_ingest, record_sources  # noqa: F401
from pipeline.fetch.feed import parse_duration  # noqa: F401
from pipeline.fetch.fetcher import DEFAULT_DOWNLOAD_DIR, Download, Failure, Fetched, Fetcher  # noqa: F401
from pipeline.fetch.http import Client, Manners  # noqa: F401
