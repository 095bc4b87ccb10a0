"""Generator of the third blind held-out set: HMICFRS-style reports drawn with reportlab platypus.

Every item is declared once as data (`core.Item`); the same data is rendered and turned into
gold, and the pages come from the rendering itself (`core.Tracked` records where it is drawn).
"""
