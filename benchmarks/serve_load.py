"""Serving benchmark (issue 15, part 8): p50 and p95 per page under concurrent clients.

Builds a synthetic database (50,000 items by default: 500 reports of 100 items, a tenth of them
reviewed, some corrected, changed since review, tracked, added by hand or no longer extracted),
starts `hmicfrs serve` on 127.0.0.1 as its own process(es), and sends the pages a liaison
officer and a researcher open (home, the item view with its filters and a sort, item pages,
searches, the review queue, every read-only canned query) from 8 client threads at once,
interleaved, following redirects as a browser does. Each request of a page picks one of several
URLs (another item, report, addressee, search word or page of results), so nothing is measured
on one repeated URL. Prints p50 and p95 per page and the ratio of each p95 to the target (300 ms).

Item texts are drawn from a Zipf-distributed vocabulary (rank r has weight 1/r), so words occur
in as many items as words of real recommendations do: "should" in most, "police" and "evidence"
in about a fifth, topic words such as "custody" or "vetting" in a few per cent (measured on the
real corpus: should 65%, evidence 16%, police 10%, custody 4.5%). Searches (the item view's
search box, which opens the search page) are measured for topic words, frequent words and, as
its own line, a word in nearly every item; Datasette's table search (the search page's "every
column" link) for topic words.

Meanwhile a reviewer accepts an item every half second (--decide-every; a busy office's reviewers
take far longer an item) through the JSON API:
each decision is a commit, after which the server renders every page again instead of sending
the one it kept (serve's page cache; --page-cache-mb 0 turns it off). So the figures are of a
working day's mix of rendered and kept pages, not of a read-only database.

Also printed: the server's CPU time per request (all its processes, from /proc), a figure the
machine's other load disturbs less than the latencies.

Run from the project root:

    python benchmarks/serve_load.py                    # 50,000 items, 8 clients, 40 requests a page
    python benchmarks/serve_load.py --items 5000 --requests 8
    python benchmarks/serve_load.py --db /tmp/bench.db --keep   # reuse a database built before
    python benchmarks/serve_load.py --json results.json
    python benchmarks/serve_load.py --workers 1        # one server process, as before --workers
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402
from pipeline.review.decisions import values_hash  # noqa: E402

TARGET_P95_MS = 300
ITEMS_PER_REPORT = 100
KINDS = ("recommendation", "area_for_improvement", "cause_of_concern")
ADDRESSEES = ("chief_constables", "police_and_crime_commissioners", "npcc", "college_of_policing", "home_office",
              "the_force", "fire_and_rescue_services")
WORDS = ("vetting training custody safeguarding misconduct supervision records victims domestic abuse "
         "evidence digital forensics call handling neighbourhood policing data quality workforce wellbeing "
         "governance fire protection prevention inspection response budget partnership").split()
VOCABULARY_SIZE = 3000
# Words placed at a rank of the Zipf vocabulary; the share of items holding each follows from its
# rank and the 45 words of a text (rank 3 about 85%, 25 about 21%, 100 about 5.5%, 250 about 2%).
PLACED = {"the": 1, "and": 2, "should": 3, "to": 4, "of": 5, "forces": 12, "police": 25, "evidence": 30,
          "data": 60, "training": 80, "custody": 100, "victims": 120, "safeguarding": 150, "digital": 180,
          "vetting": 250, "misconduct": 400, "forensics": 600}
TEXT_WORDS = 45
SEARCH_TOPIC = ("custody", "victims", "safeguarding", "digital", "vetting", "misconduct", "forensics")
SEARCH_FREQUENT = ("police", "evidence", "data", "training")
SEARCH_NEARLY_ALL = ("should",)


def vocabulary() -> tuple[list[str], list[float]]:
    """Words by rank, and their Zipf weights; unplaced ranks get made-up words."""
    by_rank = {rank: word for word, rank in PLACED.items()}
    syllables = "ka lo mi ren tu sa vo pe li dan or ex".split()
    words = [by_rank.get(rank) or "".join(syllables[(rank // 12 ** k) % 12] for k in range(4))
             for rank in range(1, VOCABULARY_SIZE + 1)]
    return words, [1 / rank for rank in range(1, VOCABULARY_SIZE + 1)]
CANNED = {  # read-only canned queries of datasette/metadata.yml, with parameters where they take one
    "due_next_90_days": "", "overdue": "", "items_for_addressee": "?addressee=chief_constables",
    "needing_review": "", "changed_since_review": "", "completeness_problems": "", "open_suspects": "",
    "report_items": "?report=report_0007.pdf", "status_summary": "", "ours": "", "responses_due": "",
    "items_without_response": "", "response_documents": "",
}
_VALUES = ("text", "kind", "number", "addressees", "deadline_date", "deadline_kind", "deadline_text", "parent")


def build(path: Path, n_items: int, seed: int = 15) -> None:
    """A synthetic database through the store's connect (schema, migrations) and write_items."""
    rng = random.Random(seed)
    words, weights = vocabulary()
    db = store.connect(path)
    n_reports = max(1, n_items // ITEMS_PER_REPORT)
    reports = [{"id": f"r{n:04d}", "sha256": f"{n:064x}", "file": f"report_{n:04d}.pdf",
                "path": f"/nowhere/report_{n:04d}.pdf", "title": f"Inspection report {n}: " + " ".join(rng.sample(WORDS, 4)),
                "published": f"{2019 + n % 6}-{1 + n % 12:02d}-15", "published_precision": "day",
                "family": "hmicfrs_thematic", "pages": 60} for n in range(n_reports)]
    reviews, corrections, tracking, manual = [], [], [], []
    with store.transaction(db):
        db["reports"].insert_all(reports, pk="id")
        for report in reports:
            items, addressees = [], []
            for seq in range(ITEMS_PER_REPORT):
                kind = KINDS[seq % 3]
                who = rng.sample(ADDRESSEES, 1 + (seq % 2))
                year, month = 2022 + rng.randrange(6), 1 + rng.randrange(12)
                item = {
                    "id": f"{report['id']}-{kind[:3]}{seq}", "report_id": report["id"], "seq": seq, "kind": kind,
                    "number": str(seq + 1), "label": f"{kind.replace('_', ' ').capitalize()} {seq + 1}",
                    "parent": None, "text": f"By {month}/{year}, " + " ".join(rng.choices(words, weights, k=TEXT_WORDS)) + ".",
                    "addressees": json.dumps(who), "addressee_text": " and ".join(who),
                    "deadline_kind": "month", "deadline_date": f"{year}-{month:02d}-28",
                    "deadline_text": f"By {month}/{year}", "deadline_rule": "bench", "page": 1 + seq // 3,
                    "page_end": 1 + seq // 3, "start": 10, "end": 300, "rules": "[]",
                    "needs_review": int(rng.random() < 0.05), "doubts": None,
                }
                items.append(item)
                addressees += [{"item_id": item["id"], "report_id": report["id"], "position": p, "addressee": a,
                                "text": a, "known": 1, "rule": "bench"} for p, a in enumerate(who)]
                roll = rng.random()
                if roll < 0.10:
                    values = {f: (who if f == "addressees" else item[f]) for f in _VALUES}
                    if roll < 0.01:  # changed since review: the reviewer saw other words
                        values = dict(values, text=values["text"] + " (as reviewed)")
                    snapshot = {k: item[k] for k in ("id", "report_id", "seq", "label", "page", "page_end", "start",
                                                     "end", "addressee_text")} | values
                    reviews.append({"item_id": item["id"], "status": "accepted", "by": "bench", "at": "2024-01-01",
                                    "note": None, "snapshot": json.dumps(snapshot), "snapshot_hash": values_hash(values)})
                if roll < 0.02:
                    corrections.append({"item_id": item["id"], "field": "text", "value": json.dumps("Corrected. " + item["text"]),
                                        "by": "bench", "at": "2024-01-01", "note": None})
                if rng.random() < 0.05:
                    tracking.append({"item_id": item["id"], "status": rng.choice(("open", "in_progress", "closed")),
                                     "level": 1 + rng.randrange(4), "owner": "bench", "updated_by": "bench",
                                     "updated_at": "2024-01-01"})
            store.write_items(db, report["id"], items, addressees,
                              {"report_id": report["id"], "items_found": len(items), "stated_count": None,
                               "stated_text": None, "numbering_gaps": "[]", "numbering_duplicates": "[]",
                               "needs_review": 0, "notes": None, "rules_fingerprint": "bench", "problems": "[]"})
            manual.append({"id": f"{report['id']}-manual", "report_id": report["id"], "kind": "recommendation",
                           "number": "999", "label": "Recommendation 999", "text": "Added by hand. " + " ".join(rng.choices(words, weights, k=20)),
                           "addressees": json.dumps(["home_office"]), "deadline_date": "2025-06-30",
                           "deadline_kind": "date", "page": 1, "added_by": "bench", "added_at": "2024-01-01"})
        for n in range(20):  # reviewed items extraction no longer finds
            gone = f"r0000-gone{n}"
            values = {"text": "No longer extracted.", "kind": "recommendation", "number": str(900 + n),
                      "addressees": ["npcc"], "deadline_date": None, "deadline_kind": None, "deadline_text": None, "parent": None}
            reviews.append({"item_id": gone, "status": "accepted", "by": "bench", "at": "2024-01-01", "note": None,
                            "snapshot": json.dumps({"id": gone, "report_id": "r0000", "page": 1, **values}),
                            "snapshot_hash": values_hash(values)})
        for table, rows in (("reviews", reviews), ("corrections", corrections), ("tracking", tracking),
                            ("manual_items", manual)):
            for row in rows:
                {"reviews": store.upsert_review, "corrections": store.upsert_correction,
                 "tracking": store.upsert_tracking, "manual_items": store.insert_manual_item}[table](db, row)
    db.execute("analyze")
    db.conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


REVIEWER_TOKEN = "serve-load-reviewer-token"


def start_server(db_path: Path, port: int, workers: int | None, page_cache_mb: int | None) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("hmicfrs")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]
    options = ["--workers", str(workers)] if workers else []
    options += ["--page-cache-mb", str(page_cache_mb)] if page_cache_mb is not None else []
    process = subprocess.Popen([*command, "serve", "--db", str(db_path), "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                               env={**os.environ, "HMICFRS_REVIEWER_TOKEN": REVIEWER_TOKEN})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"the server did not start: {process.stderr.read().decode(errors='replace')[-2000:]}")


def pages(db_name: str, n_items: int, variants: int = 12, seed: int = 7) -> dict[str, list[str]]:
    """Each page's URLs: a request of the page takes one of them."""
    rng = random.Random(seed)
    n_reports = max(1, n_items // ITEMS_PER_REPORT)
    reports = rng.sample(range(n_reports), min(variants, n_reports))

    def item() -> str:
        seq = rng.randrange(ITEMS_PER_REPORT)
        return f"r{rng.randrange(n_reports):04d}-{KINDS[seq % 3][:3]}{seq}"

    view = f"/{db_name}/item_details"
    found = {
        "home": ["/"],
        "item view": [view, f"{view}?kind=area_for_improvement", f"{view}?review_status=accepted",
                      f"{view}?deadline_year=2024", f"{view}?_sort=due", f"{view}?track_status=open"],
        "item page": [f"/-/hmicfrs/review/{item()}" for _ in range(variants)],
        "search (topic word)": [f"{view}?_search={word}" for word in SEARCH_TOPIC],
        "search (frequent word)": [f"{view}?_search={word}" for word in SEARCH_FREQUENT],
        "search (word in most items)": [f"{view}?_search={word}" for word in SEARCH_NEARLY_ALL],
        # The search page's "every column, CSV and JSON" link: Datasette's own table search.
        "table search (topic word)": [f"{view}?_search={word}&_table_search=1" for word in SEARCH_TOPIC],
        "review queue": ["/-/hmicfrs/queue?queue=pending", "/-/hmicfrs/queue?queue=changed"],
    }
    for name, args in CANNED.items():
        if name == "items_for_addressee":
            urls = [f"/{db_name}/{name}?addressee={a}" for a in ADDRESSEES]
        elif name == "report_items":
            urls = [f"/{db_name}/{name}?report=report_{n:04d}.pdf" for n in reports]
        else:
            urls = [f"/{db_name}/{name}{args}"]
        found[f"query {name}"] = urls
    return found


class Reviewer(threading.Thread):
    """A reviewer accepting a pending item every `every` seconds through the JSON API, as the item
    page's form does: each decision is a commit, after which every kept page is rendered again."""

    def __init__(self, base: str, every: float, items: int):
        super().__init__(daemon=True)
        self.base, self.every, self.items = base, every, items
        self.stop, self.decisions, self.failures = threading.Event(), 0, 0

    def run(self) -> None:
        rng = random.Random(3)
        n_reports = max(1, self.items // ITEMS_PER_REPORT)
        headers = {"Authorization": f"Bearer {REVIEWER_TOKEN}"}
        with httpx.Client(base_url=self.base, timeout=120) as client:
            while not self.stop.wait(self.every):
                seq = rng.randrange(ITEMS_PER_REPORT)
                item = f"r{rng.randrange(n_reports):04d}-{KINDS[seq % 3][:3]}{seq}"
                answer = client.post(f"/-/hmicfrs/review/{item}?_format=json", headers=headers,
                                     json={"action": "accept", "note": "serve_load"})
                self.decisions += answer.status_code == 200
                self.failures += answer.status_code != 200


def measure(base: str, targets: dict[str, list[str]], requests: int, clients: int,
            warmed=lambda: None) -> dict[str, dict]:
    rng = random.Random(1)
    order = [(name, rng.choice(targets[name])) for _ in range(requests) for name in targets]
    rng.shuffle(order)
    timings: dict[str, list[float]] = {name: [] for name in targets}
    failures: dict[str, list[int]] = {name: [] for name in targets}
    # Redirects are followed as a browser does: the bare item view redirects to its compact columns.
    with httpx.Client(base_url=base, timeout=120, follow_redirects=True) as client:
        for urls in targets.values():  # one warm-up each, so no request pays for a process opening the file
            for url in urls:
                client.get(url)
        warmed()

        def one(job: tuple[str, str]) -> None:
            name, url = job
            start = time.perf_counter()
            response = client.get(url)
            timings[name].append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                failures[name].append(response.status_code)

        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(one, order))
    return {name: {"p50": statistics.median(ms), "p95": percentile(ms, 95), "n": len(ms),
                   "errors": failures[name]} for name, ms in timings.items()}


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc (Linux only; 0 elsewhere)."""
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in [Path(f"/proc/{pid}/stat"), *Path("/proc").glob("[0-9]*/stat")]:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # the server or one of its processes
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=50_000, help="items in the synthetic database")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=40,
                        help="requests per page (at 16 a page's p95 is its slowest request)")
    parser.add_argument("--db", type=Path, default=None, help="database file (built when missing)")
    parser.add_argument("--keep", action="store_true", help="keep the database built in a temporary folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: serve's own default)")
    parser.add_argument("--page-cache-mb", type=int, default=None, help="serve's page cache (0: render every request)")
    parser.add_argument("--decide-every", type=float, default=0.5,
                        help="seconds between a reviewer's decisions while the pages are read (0: none)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="hmicfrs-serve-load-"))
    db_path = args.db or folder / "bench.db"
    if not db_path.exists():
        started = time.perf_counter()
        build(db_path, args.items)
        print(f"built {db_path} ({args.items:,} items) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    else:
        store.connect(db_path, create=False).conn.close()  # migrated before the server opens it
    port = free_port()
    server = start_server(db_path, port, args.workers, args.page_cache_mb)
    reviewer = Reviewer(f"http://127.0.0.1:{port}", args.decide_every, args.items) if args.decide_every > 0 else None
    try:
        targets = pages(db_path.stem, args.items)
        cpu_before, started = cpu_seconds(server.pid), time.perf_counter()
        results = measure(f"http://127.0.0.1:{port}", targets, args.requests, args.clients,
                          warmed=reviewer.start if reviewer else lambda: None)
        cpu, wall = cpu_seconds(server.pid) - cpu_before, time.perf_counter() - started
    finally:
        if reviewer:
            reviewer.stop.set()
            reviewer.join(timeout=60)
        server.terminate()
        server.wait(timeout=30)
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'p95/target':>10}  errors")
    for name, r in results.items():
        print(f"{name:34} {r['p50']:8.0f} {r['p95']:8.0f} {r['p95'] / TARGET_P95_MS:10.2f}  {r['errors'] or ''}")
    requests = sum(r["n"] for r in results.values()) + sum(len(urls) for urls in targets.values())
    print(f"server CPU {cpu:.1f} s for {requests} requests ({cpu / requests * 1000:.0f} ms a request, warm-up "
          f"included) in {wall:.1f} s; load average {os.getloadavg()[0]:.2f}")
    if reviewer:
        print(f"a reviewer's decisions while reading: {reviewer.decisions} (one every {args.decide_every:g} s), "
              f"{reviewer.failures} refused")
    worst = max(r["p95"] for r in results.values())
    print(f"worst p95 {worst:.0f} ms; target p95 < {TARGET_P95_MS} ms: {'met' if worst < TARGET_P95_MS else 'NOT met'} "
          f"({args.items:,} items, {args.clients} clients, {args.requests} requests a page)")
    if args.json:
        args.json.write_text(json.dumps({"items": args.items, "clients": args.clients, "pages": results}, indent=1))
    if not args.keep and args.db is None:
        db_path.unlink(missing_ok=True)
    return 0 if worst < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
