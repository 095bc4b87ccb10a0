"""What the PDF link says when the file is not where ingest found it."""
from __future__ import annotations

from pathlib import Path


def moved_message(row: dict | None, pdf_dirs=()) -> str:
    """The page served instead of a PDF that moved: where it was, and how to point `serve` at it."""
    if not row:
        return "No such report in this database."
    looked = "".join(f"\n  also looked in: {d}" for d in pdf_dirs)
    return (
        f"The PDF of this report is not where it was ingested from any more:\n  {row.get('path') or row.get('file')}"
        f"{looked}\n(it moved, was renamed, or its bytes changed).\n\n"
        f"Restart the server with the folder it is in now, e.g.\n"
        f"  hmicfrs serve --pdf-dir /path/to/folder/holding/{Path(row.get('file') or 'report.pdf').name}\n"
        "(--pdf-dir can be given more than once; a file there is served only if its bytes are the ones ingested)."
    )
