"""Review and tracking: people's decisions as an overlay on what extraction produced.

decisions.py accepts, rejects and corrects items (never lost on re-extraction); track.py tracks
items to closure and builds the committee status table; sheet.py takes review to a spreadsheet
and back; spreadsheet.py keeps cells that look like formulas as text. May import: models,
errors, rules, store. Never imports ingest, extract, serve, brief or cli.
"""
