"""Styles where items are lists or paragraphs under headings, and the wording and typeface styles."""
from __future__ import annotations

from typing import Callable

from . import bank
from .draft import Draft
from .wordings import Addressee

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
Marker = Callable[[int], tuple[str, str, str | None, str | None]]  # n -> marker, form, number, label


def marker_family(style: str, draft: Draft) -> Marker:
    """The marker of the n-th item (1-based): its glyph, how it is drawn, its gold number and label."""
    second = draft.index % 2 == 1
    if style == "bullet_dot":
        return lambda n: ("•", "glyph", None, None)
    if style == "bullet_dash":
        glyph, form = ("-", "text") if second else ("–", "glyph")
        return lambda n: (glyph, form, None, None)
    if style == "bullet_shape":
        shape = "circle" if second else "square"
        return lambda n: (shape, "shape", None, None)
    if style == "numbered_dot":
        return lambda n: (f"{n}.", "text", str(n), f"{n}.")
    if style == "numbered_paren":
        return lambda n: (f"{n})", "text", str(n), f"{n})")
    if style == "lettered":
        form = "{}." if second else "({})"
        return lambda n: (form.format(chr(96 + n)), "text", chr(96 + n), form.format(chr(96 + n)))
    if style == "roman":
        return lambda n: (f"{ROMAN[n - 1]}.", "text", ROMAN[n - 1], f"{ROMAN[n - 1]}.")
    raise KeyError(style)


def _marked(draft: Draft, marker: Marker, n: int, text: str, item: str) -> None:
    glyph, form, _number, _label = marker(n)
    draft.para(text, item, marker=glyph, marker_form=form)


def cause_and_leadin(draft: Draft, marker: Marker | None, heading: str = "Cause of concern",
                     number: str | None = None) -> None:
    """A cause of concern, then "Recommendations" with a lead-in governing its bullets."""
    coc = draft.spec("cause_of_concern", number=number, label=heading)
    draft.h3(heading)
    draft.para(draft.concern(), coc)
    draft.h3("Recommendations")
    lead, fields = draft.words.leadin()
    count = draft.rng.randint(2, 3)
    ids = []
    for n in range(1, count + 1):
        _g, _f, num, label = marker(n) if marker else ("", "", None, None)
        ids.append(draft.spec("recommendation", fields, number=num, label=label, parent=coc))
    draft.add_leadin(lead, tuple(ids))
    for n, (text, item) in enumerate(zip(draft.words.bullets(count), ids), start=1):
        if marker:
            _marked(draft, marker, n, text, item)
        else:
            draft.para(text, item, marker="•", marker_form="glyph")


def _list(draft: Draft, kind: str, count: int, marker: Marker | None) -> None:
    for n in range(1, count + 1):
        fields = draft.item_sentence(kind)
        _g, _f, number, label = marker(n) if marker else ("", "", None, None)
        item = draft.spec(kind, fields, number=number, label=label)
        if marker:
            _marked(draft, marker, n, fields["text"], item)
        else:
            draft.para(fields["text"], item)


def list_report(draft: Draft, marker: Marker | None) -> None:
    """Items under headings that name their kind, each introduced by `marker` (or by nothing)."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(rng.randint(2, 3))
    if draft.scope in ("national", "fire_national"):
        draft.h2("Recommendations")
        _list(draft, "recommendation", rng.randint(5, 8), marker)
        if rng.random() < 0.7:
            draft.h2("Areas for improvement")
            _list(draft, "area_for_improvement", rng.randint(1, 3), marker)
    else:
        cause_and_leadin(draft, marker)
        draft.h2("Areas for improvement")
        _list(draft, "area_for_improvement", rng.randint(3, 5), marker)
    draft.h2("About this inspection")
    draft.narrative(rng.randint(1, 2))
    draft.chapters(rng.randint(1, 3))


def heading_per_item(draft: Draft) -> None:
    """"Recommendation 3", "Area for improvement 2", "Cause of concern 1" headings over each item."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(2)
    if draft.scope in ("national", "fire_national"):
        draft.h1("Recommendations")
        for n in range(1, rng.randint(4, 7) + 1):
            _headed(draft, "recommendation", f"Recommendation {n}", str(n))
        draft.h2("Areas for improvement")
        for n in range(1, rng.randint(2, 3) + 1):
            _headed(draft, "area_for_improvement", f"Area for improvement {n}", str(n))
    else:
        accelerated = draft.index % 2 == 1
        heading = "Accelerated cause of concern" if accelerated else "Cause of concern 1"
        coc = draft.spec("cause_of_concern", number=None if accelerated else "1", label=heading)
        draft.h3(heading)
        draft.para(draft.concern(), coc)
        for n in range(1, rng.randint(2, 3) + 1):
            _headed(draft, "recommendation", f"Recommendation {n}", str(n), parent=coc, deadline_rate=1.0)
        draft.narrative(1)
        for n in range(1, rng.randint(3, 5) + 1):
            _headed(draft, "area_for_improvement", f"Area for improvement {n}", str(n))
    draft.chapters(rng.randint(2, 3))


def _headed(draft: Draft, kind: str, label: str | None, number: str | None, parent: str | None = None,
            sentences: int = 1, **kw) -> str:
    fields = draft.item_sentence(kind, sentences=sentences, **kw)
    item = draft.spec(kind, fields, number=number, label=label, parent=parent)
    if label:
        draft.h3(label)
    draft.para(fields["text"], item)
    return item


def no_should(draft: Draft) -> None:
    """Items that say "needs to", "must", "could do more to", or give an order; items of 2-3 sentences."""
    rng, words = draft.rng, draft.words
    subject = f"the {draft.force_word}"
    ids = ["force"] if draft.domain != "fire" else ["fire_and_rescue_services"]
    who = Addressee("plain", subject, tuple(ids), False)  # the report's own force or service
    forms = ["needs to", "must", "could do more to", "imperative", "sentences"]
    rng.shuffle(forms)
    forms += rng.sample(forms, rng.randint(1, 3))
    draft.h1("Summary")
    draft.narrative(2)
    if rng.random() < 0.5:
        cause_and_leadin(draft, None)
    draft.h2("Areas for improvement")
    numbered = rng.random() < 0.5
    for n, form in enumerate(forms, start=1):
        label, number = (f"Area for improvement {n}", str(n)) if numbered else ("Area for improvement", None)
        if form == "imperative":
            action = words.verb(who)
            fields = {"text": action[0].upper() + action[1:] + ".", "addressees": [], "addressee_text": None, "deadline": None}
        elif form == "sentences":
            fields = draft.item_sentence("area_for_improvement", sentences=rng.randint(2, 3), addressee=who)
        else:
            fields = words.should(addressee=who, modal=form, deadline_rate=0.3 if form != "could do more to" else 0.0)
        item = draft.spec("area_for_improvement", fields, number=number, label=label)
        draft.h3(label)
        draft.para(fields["text"], item)
        if rng.random() < 0.4:
            draft.h2(rng.choice(("What we found", "Our findings", "Next steps")))
            draft.narrative(1)
    draft.chapters(rng.randint(1, 3))


def narrative_gap(draft: Draft) -> None:
    """Each item followed by narrative with only a paragraph gap; narrative with "should" that is not an item."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(1)
    draft.near_miss()
    national = draft.scope in ("national", "fire_national")
    kind = "recommendation" if national else "area_for_improvement"
    word = "Recommendation" if national else "Area for improvement"
    numbered = national or rng.random() < 0.5
    for n in range(1, rng.randint(5, 7) + 1):
        if n == 1 or rng.random() < 0.3:
            draft.h1(rng.choice(bank.SECTIONS[draft.domain]))
            draft.narrative(1)
            if rng.random() < 0.6:
                draft.near_miss()
        label = f"{word} {n}" if numbered else word
        _headed(draft, kind, label, str(n) if numbered else None, sentences=rng.choice((1, 1, 2)))
        draft.narrative(1)  # straight after the item: only a paragraph gap between them
        if rng.random() < 0.5:
            draft.near_miss()
    draft.chapters(1)


def typeface(draft: Draft, face: str) -> None:
    """One list of recommendations (bold or italic) and conclusions (roman): only the face differs."""
    rng = draft.rng
    draft.h1("Summary")
    draft.narrative(2)
    draft.h1(rng.choice(("Conclusions and recommendations", "Findings and recommendations")))
    draft.para("Our conclusions are in plain type and our recommendations are in "
               f"{'bold' if face == 'bold' else 'italic'} type.")
    numbered = rng.random() < 0.6
    conclusions = list(bank.CONCLUSIONS)
    rng.shuffle(conclusions)
    kinds = ["recommendation"] * rng.randint(5, 7) + ["conclusion"] * rng.randint(3, 5)
    rng.shuffle(kinds)
    for n, kind in enumerate(kinds, start=1):
        marker = dict(marker=f"{n}.", marker_form="text") if numbered else {}
        if kind == "conclusion":
            draft.para(conclusions.pop(), **marker)
            continue
        fields = draft.item_sentence("recommendation")
        item = draft.spec("recommendation", fields, number=str(n) if numbered else None, label=f"{n}." if numbered else None)
        draft.para(fields["text"], item, font=face, **marker)
    draft.chapters(rng.randint(2, 3))
