"""Extraction: stored pages -> items with addressees and deadlines. Pure: pages in, items out;
it imports neither the store nor anything that reads PDFs (pipeline.run joins them). Pages
arrive as pipeline.models.CleanPage, the type ingest made and the store gave back."""
from __future__ import annotations

from pipeline.extract.items import Extractor, ReportCheck, ReportInput

__all__ = ["Extractor", "ReportInput", "ReportCheck"]
