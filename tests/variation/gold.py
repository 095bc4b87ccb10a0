"""Gold rows from the same blocks the PDF was drawn from, and the lines each item was drawn on.

An item's text is its first full printing: the blocks carrying its id, consecutive, with the
lead-in that governs it prefixed (the contract's "Lead-ins" convention); a later printing carrying
the id must print the same text. Labels and markers are never in a block's text, so they are never
in the gold text. Pages are where the engine put the printing's first and last lines.
"""
from __future__ import annotations

from .draft import Draft, Spec
from .engine import Block, Flow, Placed


class GoldError(ValueError):
    """The report's annotations and its printed text disagree: a generator bug, never a data issue."""


def printings(blocks: list[Block], item_id: str) -> list[list[int]]:
    """Each printing of the item as block indexes, its governing lead-in first."""
    found: list[list[int]] = []
    current: list[int] = []
    leadin: int | None = None
    for index, block in enumerate(blocks):
        if item_id not in block.items:
            if current:
                found.append(current)
                current = []
            continue
        if block.kind == "leadin":
            leadin = index
            continue
        if not current and leadin is not None:
            current.append(leadin)
            leadin = None
        current.append(index)
    if current:
        found.append(current)
    return found


def _text(blocks: list[Block], indexes: list[int]) -> str:
    return " ".join(" ".join(blocks[i].text.split()) for i in indexes)


def item_printing(draft: Draft, flow: Flow, spec: Spec) -> tuple[str, list[Placed]]:
    found = printings(draft.blocks, spec.id)
    if not found:
        raise GoldError(f"{draft.style}: item {spec.id} is never printed")
    texts = {_text(draft.blocks, indexes) for indexes in found}
    if len(texts) != 1:
        raise GoldError(f"{draft.style}: item {spec.id} is printed with different texts: {sorted(texts)}")
    lines = [line for index in found[0] for line in flow.lines.get(index, [])]
    if not lines:
        raise GoldError(f"{draft.style}: item {spec.id} has no drawn lines")
    return texts.pop(), lines


def gold_rows(draft: Draft, flow: Flow, file: str, digest: str) -> tuple[list[dict], dict[str, list[Placed]]]:
    rows, drawn = [], {}
    report = {"file": file, "sha256": digest, "title": draft.title, "published": draft.published.isoformat()}
    for spec in draft.specs:
        text, lines = item_printing(draft, flow, spec)
        due = spec.deadline
        if not spec.from_cells:
            if due.get("text") and due["text"] not in text:
                raise GoldError(f"{draft.style}: {spec.id}: deadline {due['text']!r} is not in {text!r}")
            if spec.addressee_text and spec.addressee_text not in text:
                raise GoldError(f"{draft.style}: {spec.id}: addressee {spec.addressee_text!r} is not in {text!r}")
        if spec.parent and spec.parent not in {s.id for s in draft.specs}:
            raise GoldError(f"{draft.style}: {spec.id}: unknown parent {spec.parent}")
        drawn[spec.id] = lines
        rows.append({
            "id": spec.id,
            "report": report,
            "kind": spec.kind,
            "number": spec.number,
            "label": spec.label,
            "parent": spec.parent,
            "text": text,
            "addressees": spec.addressees,
            "addressee_text": spec.addressee_text,
            "deadline": {"kind": due["kind"], "date": due.get("date"), "text": due.get("text")},
            "page": lines[0].page,
            "page_end": lines[-1].page,
        })
    texts = [row["text"] for row in rows]
    if len(set(texts)) != len(texts):
        raise GoldError(f"{draft.style}: two items print the same text")
    return rows, drawn


def words_in(words: dict, lines: list[Placed]) -> str:
    """The words a PDF reader finds inside the item's drawn lines, line by line in drawing order.

    `words` maps a page number to the words read from it (anything with text, x0, x1, top, bottom).
    Only the lines' rectangles are read, so columns, table cells and running headers between two
    pages never get in the way, and a marker or margin number beside the text is left out.
    """
    out = []
    for line in lines:
        inside = [
            w for w in words.get(line.page, ())
            if line.x0 - 1 <= (w.x0 + w.x1) / 2 <= line.x1 + 1 and line.top - 1 <= (w.top + w.bottom) / 2 <= line.bottom + 1
        ]
        out += [w.text for w in sorted(inside, key=lambda w: w.x0)]
    return " ".join(out)
