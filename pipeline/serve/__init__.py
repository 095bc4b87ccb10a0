"""Serving: Datasette on the database (app.py) and what the server refuses before a request
reaches Datasette (guard.py). The Datasette side (routes, permissions, templates) lives in the
shipped datasette/ folder. May import: models, errors, paths, resources, store, review, brief.
Never imports ingest, extract or cli.
"""
