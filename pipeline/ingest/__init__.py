"""Ingest: a PDF's path in, a CleanDocument out, and batches of them written to the store.

pdf.py is the only module that imports pdfplumber (words with positions and fonts); rows, layout,
blocks and furniture turn words into lines and pages, and pipeline.clean cleans their text (pure); metadata reads the
title, date and family; document.py joins them (ParsedDocument -> CleanDocument). discover finds
the files a batch is given; worker and workers run parsing in killable processes; batch.py is
the batch itself (hash, skip unchanged, parse, store). May import: models, errors, dates, clean,
paths, rules, store (batch.py only). Never imports extract, review, serve, brief or cli.
"""
