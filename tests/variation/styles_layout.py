"""Styles that differ by layout: margin paragraph numbers, the joint custody report, boxes, columns,
a summary repeated later, a table."""
from __future__ import annotations

from . import bank
from .draft import Draft
from .engine import Block
from .styles_lists import cause_and_leadin
from .wordings import cap


class Numbering:
    """Paragraph numbers of one chapter: "S1", "S2" ... or "2.1", "2.2" ..."""

    def __init__(self, prefix: str):
        self.prefix, self.count = prefix, 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


def _numbered_item(draft: Draft, number: Numbering, kind: str, label: str, num: str | None,
                   fields: dict | None = None, parent: str | None = None) -> tuple[str, str, str]:
    """The item's own heading on the line above a paragraph that carries a margin number."""
    if kind == "cause_of_concern":
        fields = {"text": draft.concern()}
    elif fields is None:
        fields = draft.item_sentence(kind)
    item = draft.spec(kind, fields, number=num, label=label, parent=parent)
    draft.h3(label, indent=draft.house.margin)
    paragraph = number()
    draft.para(fields["text"], item, margin=paragraph)
    return item, paragraph, fields["text"]


def margin_paragraph(draft: Draft) -> None:
    """Paragraph numbers in the margin ("S12", "4.12") that are not item numbers."""
    rng = draft.rng
    draft.h1("Summary")
    summary = Numbering("S")
    for _ in range(rng.randint(2, 4)):
        draft.para(draft.words.narrative(), margin=summary())
    national = draft.scope == "national"
    coc = None
    if not national:
        coc, _p, _t = _numbered_item(draft, summary, "cause_of_concern", "Cause of concern 1", "1")
    titles = rng.sample(bank.SECTIONS[draft.domain], rng.randint(3, 4))
    per_chapter = spread(rng, rng.randint(5, 9) - (0 if national else 1), len(titles))
    recs = 0
    for chapter, (title, count) in enumerate(zip(titles, per_chapter), start=2):
        draft.h1(f"{chapter}. {title}")
        number = Numbering(f"{chapter}.")
        for _ in range(rng.randint(1, 3)):
            draft.para(draft.words.narrative(), margin=number())
        for _ in range(count):
            if rng.random() < 0.55 and (national or recs < 3):
                recs += 1
                fields = draft.item_sentence("recommendation", deadline_rate=0.9)
                _numbered_item(draft, number, "recommendation", f"Recommendation {recs}", str(recs), fields, parent=coc)
            else:
                _numbered_item(draft, number, "area_for_improvement", "Area for improvement", None)
            draft.para(draft.words.narrative(), margin=number())


def spread(rng, total: int, buckets: int) -> list[int]:
    """`total` items over `buckets` chapters, at least one each."""
    counts = [1] * buckets
    for _ in range(total - buckets):
        counts[rng.randrange(buckets)] += 1
    return counts


def custody_joint(draft: Draft) -> None:
    """Summary with causes of concern each followed by a recommendation; areas for improvement in
    the body; a closing section repeating every item with a cross-reference such as "(2.15)"."""
    rng = draft.rng
    draft.h1("Introduction")
    draft.narrative(2)
    draft.h1("Summary")
    summary = Numbering("S")
    for _ in range(rng.randint(5, 9)):  # long enough for two-digit labels ("S12") in most variants
        draft.para(draft.words.narrative(), margin=summary())
    draft.h2("Causes of concern and recommendations", indent=draft.house.margin)
    pairs = []  # (label, text) of each cause of concern and of its recommendation, in order
    cited = {}  # label -> the paragraph the closing section cites: the body's, else the summary's
    for n in range(1, rng.randint(1, 2) + 1):
        coc, cited[f"Cause of concern {n}"], coc_text = _numbered_item(
            draft, summary, "cause_of_concern", f"Cause of concern {n}", str(n))
        fields = draft.item_sentence("recommendation", deadline_rate=0.4)
        _rec, cited[f"Recommendation {n}"], rec_text = _numbered_item(
            draft, summary, "recommendation", f"Recommendation {n}", str(n), fields, parent=coc)
        pairs += [(f"Cause of concern {n}", coc_text), (f"Recommendation {n}", rec_text)]
    to_repeat = list(pairs)
    afi_refs: list[tuple[str, str]] = []
    sections = rng.sample(bank.SECTIONS["custody"], 3)
    for chapter, title in enumerate(sections, start=2):
        draft.h1(f"Section {chapter}. {title}")
        number = Numbering(f"{chapter}.")
        for _ in range(rng.randint(2, 3)):
            draft.para(draft.words.narrative(), margin=number())
        if to_repeat and rng.random() < 0.6:  # the body prints a cause of concern and its recommendation again
            for label, text in to_repeat[:2]:
                cited[label] = number()
                draft.h3(label, indent=draft.house.margin)
                draft.para(text, margin=cited[label])
            del to_repeat[:2]
        for _ in range(rng.randint(1, 3)):
            _item, paragraph, text = _numbered_item(draft, number, "area_for_improvement", "Area for improvement", None)
            afi_refs.append((text, paragraph))
            if rng.random() < 0.5:
                draft.para(draft.words.narrative(), margin=number())
    closing = len(sections) + 2
    draft.h1(f"Section {closing}. Summary of causes of concern, recommendations and areas for improvement")
    number = Numbering(f"{closing}.")
    draft.para("The following is a list of all the causes of concern, recommendations and areas for improvement "
               "in this report. The reference numbers at the end of each refer to the paragraph location in the main report.")
    draft.h2("Causes of concern and recommendations", indent=draft.house.margin)
    for label, text in pairs:
        draft.h3(label, indent=draft.house.margin)
        draft.para(f"{text} ({cited[label]})", margin=number())
    draft.h2("Areas for improvement", indent=draft.house.margin)
    for text, where in afi_refs:
        draft.para(f"{text} ({where})", margin=number())


def _box(draft: Draft, text: str, label: str, item: str) -> None:
    draft.add(Block("box"))
    draft.h3(label)
    draft.para(text, item)
    draft.add(Block("endbox"))


def shaded_box(draft: Draft) -> None:
    """Each item in a shaded box; one box is split by a page break."""
    rng, house = draft.rng, draft.house
    draft.h1("Summary")
    draft.narrative(2)
    national = draft.scope in ("national", "fire_national")
    count = rng.randint(5, 7)
    split = rng.randint(2, count)
    if not national:
        draft.add(Block("box"))
        cause_and_leadin(draft, None)
        draft.add(Block("endbox"))
    chapters = iter(rng.sample(bank.SECTIONS[draft.domain], 4))
    numbers = {"recommendation": 0, "area_for_improvement": 0}
    for n in range(1, count + 1):
        if n in (1, 3, 5):
            draft.h1(next(chapters))
        draft.narrative(rng.randint(1, 2))
        kind = "recommendation" if national and n <= count - 2 else "area_for_improvement"
        numbers[kind] += 1
        word = {"recommendation": "Recommendation", "area_for_improvement": "Area for improvement"}[kind]
        label = f"{word} {numbers[kind]}" if national else word
        fields = draft.item_sentence(kind, sentences=3 if n == split else rng.choice((1, 2)))
        item = draft.spec(kind, fields, number=str(numbers[kind]) if national else None, label=label)
        if n == split:
            # narrative down the page until there is room for the box's top, its heading and
            # about two lines: the rest of the box goes overleaf
            filler = [draft.words.narrative() for _ in range(20)]
            draft.add(Block("fill", value=40 + 3 * house.leading, cells=tuple(filler)))
            draft.expect_split.append(item)
        _box(draft, fields["text"], label, item)
    draft.chapters(1)


def sidebar_columns(draft: Draft) -> None:
    """Two-column pages, an item in a shaded sidebar box beside the columns' text, and more items
    in shaded boxes inside a column."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(2)
    national = draft.scope in ("national", "fire_national")
    kind = "recommendation" if national else "area_for_improvement"
    word = "Recommendation" if national else "Area for improvement"
    n = 0

    def item() -> tuple[str, str, str]:
        nonlocal n
        n += 1
        fields = draft.item_sentence(kind)
        label = f"{word} {n}" if national else word
        return draft.spec(kind, fields, number=str(n) if national else None, label=label), label, fields["text"]

    titles = rng.sample(bank.SECTIONS[draft.domain], rng.randint(2, 3))
    for title, count in zip(titles, spread(rng, rng.randint(5, 8), len(titles))):
        draft.h1(title)
        draft.narrative(1)
        draft.add(Block("columns"))
        first, label, text = item()
        draft.add(Block("sidebar", text, (first,), cells=(label,)))
        draft.narrative(rng.randint(8, 10))
        for _ in range(count - 1):
            boxed, label, text = item()
            _box(draft, text, label, boxed)
            draft.narrative(rng.randint(1, 2))
        draft.add(Block("endcolumns"))
    draft.h1("About this inspection")
    draft.narrative(2)


def summary_repeat(draft: Draft) -> None:
    """A summary list at the front, every item repeated in full in the chapters."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(2)
    printed: list[list[Block]] = []  # each item's blocks as the chapters print them again
    if draft.scope == "national":
        draft.h1(rng.choice(("Recommendations", "Summary of recommendations")))
        as_list = rng.random() < 0.5
        for n in range(1, rng.randint(5, 8) + 1):
            fields = draft.item_sentence("recommendation")
            label = f"{n}." if as_list else f"Recommendation {n}"
            item = draft.spec("recommendation", fields, number=str(n), label=label)
            if as_list:
                draft.para(fields["text"], item, marker=label)
            else:
                draft.h3(label)
                draft.para(fields["text"], item)
            printed.append([Block("heading", f"Recommendation {n}", level=3), Block("para", fields["text"], (item,))])
    else:
        start = len(draft.blocks)
        cause_and_leadin(draft, None)
        printed.append(draft.blocks[start:])
        draft.h2("Areas for improvement")
        for _ in range(rng.randint(3, 5)):
            fields = draft.item_sentence("area_for_improvement")
            item = draft.spec("area_for_improvement", fields)
            draft.para(fields["text"], item)
            printed.append([Block("heading", "Area for improvement", level=3), draft.blocks[-1]])
    rng.shuffle(printed)
    sections = rng.sample(bank.SECTIONS[draft.domain], 3)
    share = -(-len(printed) // len(sections))
    for index, title in enumerate(sections):
        draft.h1(title)
        for blocks in printed[index * share:(index + 1) * share]:
            draft.narrative(1)
            for block in blocks:
                draft.add(block)
        draft.narrative(1)


def table(draft: Draft) -> None:
    """Recommendations in a table: recommendation | deadline | owner."""
    rng, words = draft.rng, draft.words
    draft.h1("Summary")
    draft.narrative(2)
    draft.h1("Recommendations")
    draft.para("The table below sets out our recommendations, the deadline for each one and the organisation responsible.")
    draft.add(Block("thead", cells=("Recommendation", "Deadline", "Owner"), widths=(0.58, 0.2, 0.22)))
    for _ in range(rng.randint(5, 8)):
        who = words.addressee()
        action = words.verb(who)
        text = cap(action) + "." + (" " + words.extra_sentences(1) if rng.random() < 0.3 else "")
        deadline = words.deadline() if rng.random() < 0.85 else None
        due = deadline.gold(True) if deadline else {"kind": "none", "date": None, "text": None}
        owner = cap(who.text[4:] if who.text.startswith("the ") else who.text)
        words.used.update({who.key, deadline.key if deadline else "none"})
        fields = {"addressees": list(who.ids), "addressee_text": owner, "deadline": due}
        item = draft.spec("recommendation", fields, from_cells=True)
        draft.add(Block("row", text, (item,), cells=(text, due["text"] or "–", owner)))
    draft.add(Block("endtable"))
    draft.chapters(rng.randint(2, 3))
