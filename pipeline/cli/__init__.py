"""The `hmicfrs` command: the only package that imports click. Each module parses options and
formats what library calls return (main.py: ingest, extract, export, rules; review.py: review,
track, status; brief.py; serve.py: serve, calendar; admin.py: backup; checks.py). No logic of
its own beyond options and output; may import any other package.
"""
