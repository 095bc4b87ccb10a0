"""HMICFRS report pipeline: ingest PDFs, extract recommendations, review and track them."""

__version__ = "0.1.0"
