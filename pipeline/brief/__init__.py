"""Outputs for a committee: the brief as data (model.py), rendered as Markdown, HTML or Word
(render.py), and dated deadlines as an iCalendar feed (ical.py). May import: models, errors,
dates, rules, store, review. Never imports ingest, extract, serve or cli.
"""
