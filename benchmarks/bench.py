"""Ingest benchmark (issue 6): one run over the same PDFs, printing each figure and the target ratios.

Run from the project root:

    python benchmarks/bench.py            # real corpus (../shared/corpus/real) when present
    python benchmarks/bench.py --quick    # smaller folder, no 2,000-page document
    python benchmarks/bench.py --json benchmarks/results.json
    python benchmarks/bench.py --repeat 3    # compared steps run 3 times, interleaved; fastest counts

Without ../shared it generates reports with reportlab (tests/pdf_makers.py). Every measured step
runs as its own process, as a user would run it; peak memory is sampled from /proc for the
command and every process under it (the parser workers), so it includes the workers.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / ".." / "shared" / "corpus" / "real"
LONG_NAME = "other_inquiry_covid19_module2.pdf"
HMICFRS = [sys.executable, "-m", "pipeline"]
MB = 1 << 20

TARGETS = {
    "ingest_vs_pdfplumber": ("<=", 1.25),
    "speedup_2_workers": (">=", 1.6),
    "peak_memory_long_mb": ("<", 400),
    "extract_speedup": (">=", 10),
    "skip_ms_per_file": ("<", 50),
}


# ---------------------------------------------------------------------------------------------
# Bare passes, run in their own process: `bench.py --bare plumber|pdfium FILE...`


def bare(kind: str, files: list[str]) -> None:
    started = time.perf_counter()
    pages = 0
    if kind == "plumber":
        import logging

        import pdfplumber

        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        for name in files:
            try:
                with pdfplumber.open(name) as pdf:
                    for page in pdf.pages:
                        page.extract_text()
                        page.close()
                        pages += 1
            except Exception as exc:  # a bad file in the folder: the pass goes on, as ingest does
                print(f"{name}: {type(exc).__name__}", file=sys.stderr)
    else:
        import pypdfium2

        for name in files:
            document = pypdfium2.PdfDocument(name)
            for page in document:
                page.get_textpage().get_text_range()
                pages += 1
            document.close()
    print(json.dumps({"pages": pages, "seconds": time.perf_counter() - started}))


# ---------------------------------------------------------------------------------------------
# Measuring a command: wall time and the peak memory of it and its descendants


class TreeMemory(threading.Thread):
    """Polls /proc: the peak RSS of the command's own process and of any one process under it (a
    parser worker, the fork server), the peak of all of them together (PSS, so pages the workers
    share with the fork server count once), and the CPU time they used."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.main = self.worker = self.total = 0
        self.cpu: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree = _descendants(self.pid)
            hwm = {pid: _status_kb(pid, "VmHWM") for pid in tree}
            self.main = max(self.main, hwm.get(self.pid, 0))
            self.worker = max([self.worker] + [v for pid, v in hwm.items() if pid != self.pid])
            self.total = max(self.total, sum(_pss_kb(pid) for pid in tree))
            for pid in tree:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            self.stopped.wait(self.interval)

    def stop(self) -> dict[str, float]:
        self.stopped.set()
        self.join()
        return {"main_mb": self.main / 1024, "worker_mb": self.worker / 1024, "total_mb": self.total / 1024,
                "cpu_seconds": sum(self.cpu.values())}


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User and system time of the process (its reaped children are counted where they ran)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(label: str, command: list[str], expect: tuple[int, ...] = (0,)) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    memory.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    result = {"label": label, "seconds": wall, **memory.stop(), "exit": process.returncode}
    if process.returncode not in expect:
        raise SystemExit(f"{label}: exit {process.returncode}\n{err[-2000:]}")
    if out.strip().startswith("{"):
        result.update({f"inner_{k}": v for k, v in json.loads(out.strip().splitlines()[-1]).items()})
    summary = [line for line in err.splitlines() if line.startswith(("ingested", "extracted"))]
    result["summary"] = summary[-1] if summary else ""
    result["failed"] = [line.strip() for line in err.splitlines() if line.startswith("  failed: ")]
    print(f"  {label:<44} {wall:8.2f} s  cpu {result['cpu_seconds']:7.2f} s  peak all {result['total_mb']:5.0f} MB, "
          f"main {result['main_mb']:4.0f}, worker {result['worker_mb']:4.0f}  {result['summary']}", flush=True)
    for line in result["failed"][:3]:
        print(f"    {line}", flush=True)
    return result


def fastest(runs: list[dict]) -> dict:
    """The quickest of repeated runs: other work on the machine only ever adds time."""
    best = dict(min(runs, key=lambda run: run["seconds"]))
    best["all_seconds"] = [round(run["seconds"], 2) for run in runs]
    return best


def interleaved(repeat: int, steps: dict[str, tuple[str, list[str], tuple[int, ...]]]) -> dict[str, dict]:
    """Run the steps in turn, `repeat` times, so a change in the machine's load hits each alike."""
    runs: dict[str, list[dict]] = {key: [] for key in steps}
    for round_ in range(repeat):
        for key, (label, command, expect) in steps.items():
            db = next((part for part in command if part.endswith(".db")), None)
            if db and key.startswith("ingest"):
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            runs[key].append(measure(f"{label} (run {round_ + 1})", command, expect))
    return {key: fastest(found) for key, found in runs.items()}


# ---------------------------------------------------------------------------------------------
# The PDFs


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def choose_pdfs(work: Path, quick: bool, long_name: str = LONG_NAME, max_pages: int = 100) -> dict:
    """The long report, a folder of reports, and documents of growing length for the memory series."""
    if REAL.is_dir():
        real = sorted(REAL.resolve().glob("*.pdf"))
        pages = {path: pdf_pages(path) for path in real}
        long = REAL.resolve() / long_name
        limit = 12 if quick else max_pages
        folder_files = [p for p in real if p != long and pages[p] <= limit]
        series = sorted({min(real, key=lambda p: pages[p] if pages[p] >= n else 10**6) for n in (4, 40, 160)},
                        key=lambda p: pages[p])
        source = "real corpus (../shared/corpus/real)"
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        from pdf_makers import make_report

        generated = work / "generated"
        generated.mkdir()
        long = make_report(generated / "long.pdf", "Long report", pages=336)
        folder_files = [make_report(generated / f"r{n}.pdf", f"Report {n}", pages=10 + 8 * n) for n in range(8)]
        pages = {p: pdf_pages(p) for p in folder_files + [long]}
        series = [folder_files[0], folder_files[4], folder_files[-1]]
        source = "generated reports (../shared absent)"
    pages.setdefault(long, pdf_pages(long))
    folder = work / "folder"
    folder.mkdir()
    for path in folder_files:
        (folder / path.name).symlink_to(path)
    return {"source": source, "long": long, "folder": folder, "folder_files": folder_files,
            "folder_pages": sum(pages[p] for p in folder_files), "long_pages": pages[long],
            "series": [(p, pages[p]) for p in series]}


# ---------------------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = _status_kb(1, "VmRSS") and os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // MB
    import pdfplumber

    return {"cpu": model or platform.processor(), "cores": len(os.sched_getaffinity(0)), "ram_mb": memory,
            "python": platform.python_version(), "pdfplumber": pdfplumber.__version__,
            "load_before": os.getloadavg()[0]}


def stored_paths(db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("select path from reports order by path")]
    finally:
        conn.close()


def skip_per_file(db: Path, paths: list[str]) -> float:
    """Milliseconds per unchanged file inside one ingest call: hash, look up, skip."""
    sys.path.insert(0, str(ROOT))
    from pipeline import store
    from pipeline.ingest.batch import IngestOptions, discover, ingest

    files = discover(paths)
    handle = store.connect(db)
    started = time.perf_counter()
    summary = ingest(handle, files, IngestOptions(workers=1))
    seconds = time.perf_counter() - started
    skipped = len(summary.of("skipped"))
    handle.conn.close()
    return seconds * 1000 / max(1, skipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bare", choices=["plumber", "pdfium"], help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="a smaller folder and no 2,000-page document")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="N for the N-worker run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--long", default=LONG_NAME, help="the long report's file name in the real corpus")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each compared step, interleaved; the fastest counts")
    parser.add_argument("--max-pages", type=int, default=100, help="largest report (pages) in the folder")
    args = parser.parse_args()
    if args.bare:
        bare(args.bare, args.files)
        return

    env = machine()
    print(f"machine: {env['cpu']}, {env['cores']} cores, {env['ram_mb']} MB RAM, Python {env['python']}, "
          f"pdfplumber {env['pdfplumber']}, load average {env['load_before']:.2f}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="hmicfrs-bench-"))
    try:
        pdfs = choose_pdfs(work, args.quick, args.long, args.max_pages)
        long, folder = pdfs["long"], pdfs["folder"]
        folder_names = [str(folder / p.name) for p in pdfs["folder_files"]]
        print(f"PDFs: {pdfs['source']}; long report {long.name} ({pdfs['long_pages']} pages); folder of "
              f"{len(folder_names)} reports ({pdfs['folder_pages']} pages)", flush=True)
        me = [sys.executable, str(Path(__file__).resolve())]
        r: dict[str, dict] = {}

        print("long report", flush=True)
        r.update(interleaved(args.repeat, {
            "plumber_long": ("bare pdfplumber extract_text", me + ["--bare", "plumber", str(long)], (0,)),
            "ingest_long_1": ("hmicfrs ingest --workers 1", HMICFRS + [
                "ingest", str(long), "--db", str(work / "long.db"), "--workers", "1", "-q"], (0,)),
        }))
        r["pdfium_long"] = measure("bare pypdfium2 text", me + ["--bare", "pdfium", str(long)])
        r["extract_long"] = measure("hmicfrs extract", HMICFRS + ["extract", "--db", str(work / "long.db")])

        print("folder", flush=True)
        r.update(interleaved(args.repeat, {
            "plumber_folder": ("bare pdfplumber extract_text", me + ["--bare", "plumber", *folder_names], (0,)),
            "ingest_folder_1": ("hmicfrs ingest --workers 1", HMICFRS + [
                "ingest", str(folder), "--db", str(work / "one.db"), "--workers", "1", "-q"], (0, 1)),
            "ingest_folder_n": (f"hmicfrs ingest --workers {args.workers}", HMICFRS + [
                "ingest", str(folder), "--db", str(work / "n.db"), "--workers", str(args.workers), "-q"], (0, 1)),
        }))
        r["pdfium_folder"] = measure("bare pypdfium2 text", me + ["--bare", "pdfium", *folder_names])
        r["extract_folder"] = measure("hmicfrs extract", HMICFRS + ["extract", "--db", str(work / "one.db")])
        # Files that failed are retried on every run (a new --password or --ocr may help them), so
        # the skip is measured on the files that were stored.
        stored = stored_paths(work / "one.db")
        r["skip_folder"] = measure(f"hmicfrs ingest (all {len(stored)} unchanged)", HMICFRS + [
            "ingest", *stored, "--db", str(work / "one.db"), "-q"])
        r["skip_one"] = measure("hmicfrs ingest (one unchanged file)", HMICFRS + [
            "ingest", stored[0], "--db", str(work / "one.db"), "-q"])
        skip_ms = skip_per_file(work / "one.db", stored)
        print(f"  {'skip inside ingest, per unchanged file':<44} {skip_ms:8.2f} ms", flush=True)

        print("peak memory against pages (ingest --workers 1)", flush=True)
        series = []
        documents = list(pdfs["series"]) + [(long, pdfs["long_pages"])]
        if not args.quick:
            sys.path.insert(0, str(ROOT / "tests"))
            from pdf_makers import make_long

            documents.append((make_long(work / "annex-2000.pdf", 2000), 2000))
        for path, pages in documents:
            if path == long:
                run = r["ingest_long_1"]
            else:
                run = measure(f"{path.name[:30]} ({pages} pages)", HMICFRS + [
                    "ingest", str(path), "--db", str(work / f"series-{pages}.db"), "--workers", "1", "-q"],
                    expect=(0, 1))
            series.append({"file": path.name, "pages": pages, "worker_mb": run["worker_mb"],
                           "main_mb": run["main_mb"], "total_mb": run["total_mb"], "seconds": run["seconds"]})

        figures = {
            "ingest_vs_pdfplumber": r["ingest_long_1"]["seconds"] / r["plumber_long"]["seconds"],
            "speedup_2_workers": r["ingest_folder_1"]["seconds"] / r["ingest_folder_n"]["seconds"],
            "peak_memory_long_mb": r["ingest_long_1"]["total_mb"],
            "extract_speedup": r["ingest_folder_1"]["seconds"] / r["extract_folder"]["seconds"],
            "skip_ms_per_file": skip_ms,
        }
        report(env, pdfs, r, figures, series, skip_ms, args.workers)
        if args.json:
            args.json.write_text(json.dumps({"machine": env, "runs": r, "figures": figures, "series": series,
                                             "pdfs": {"source": pdfs["source"], "long": long.name,
                                                      "long_pages": pdfs["long_pages"],
                                                      "folder": [p.name for p in pdfs["folder_files"]],
                                                      "folder_pages": pdfs["folder_pages"]}},
                                            indent=2, default=str))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(env, pdfs, r, figures, series, skip_ms, workers) -> None:
    long_pages, folder_pages = pdfs["long_pages"], pdfs["folder_pages"]

    def rate(run, pages):
        return f"{pages / run['seconds']:.1f} pages/s" if pages else ""

    print("\nfigures")
    rows = [
        ("long: bare pdfplumber extract_text", r["plumber_long"], long_pages),
        ("long: bare pypdfium2 text", r["pdfium_long"], long_pages),
        ("long: hmicfrs ingest, 1 worker", r["ingest_long_1"], long_pages),
        ("long: hmicfrs extract", r["extract_long"], long_pages),
        ("folder: bare pdfplumber extract_text", r["plumber_folder"], folder_pages),
        ("folder: bare pypdfium2 text", r["pdfium_folder"], folder_pages),
        ("folder: hmicfrs ingest, 1 worker", r["ingest_folder_1"], folder_pages),
        (f"folder: hmicfrs ingest, {workers} workers", r["ingest_folder_n"], folder_pages),
        ("folder: hmicfrs extract", r["extract_folder"], folder_pages),
        ("folder: hmicfrs ingest, all unchanged", r["skip_folder"], folder_pages),
        ("one unchanged file: hmicfrs ingest", r["skip_one"], 0),
    ]
    for name, run, pages in rows:
        print(f"  {name:<42} {run['seconds']:8.2f} s  {rate(run, pages):>16}  cpu {run['cpu_seconds']:7.2f} s  "
              f"peak {run['total_mb']:5.0f} MB")
    print("\nratios and targets")
    for key, value in figures.items():
        op, target = TARGETS[key]
        ok = {"<=": value <= target, ">=": value >= target, "<": value < target}[op]
        print(f"  {key:<24} {value:9.2f}   target {op} {target:<6}  {'meets' if ok else 'MISSES'}")
    print(f"  {'pdfium_vs_pdfplumber':<24} {r['plumber_long']['seconds'] / r['pdfium_long']['seconds']:9.1f}x faster "
          f"(the floor for reading text)")
    print(f"  {'ingest_vs_pdfplumber_folder':<24} {r['ingest_folder_1']['seconds'] / r['plumber_folder']['seconds']:9.2f}")
    print(f"  {'cpu: ingest_vs_pdfplumber':<24} "
          f"{r['ingest_long_1']['cpu_seconds'] / r['plumber_long']['cpu_seconds']:9.2f}   (CPU time, less sensitive to load)")
    print(f"  {'cpu: extract_speedup':<24} "
          f"{r['ingest_folder_1']['cpu_seconds'] / r['extract_folder']['cpu_seconds']:9.2f}")
    print("\npeak memory against pages (one worker)")
    for row in series:
        print(f"  {row['pages']:6} pages  worker {row['worker_mb']:6.0f} MB  main {row['main_mb']:6.0f} MB  "
              f"all {row['total_mb']:6.0f} MB  {row['seconds']:7.1f} s  {row['file']}")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    print("\nfor the README\n")
    print("| step | time | pages/s | peak memory (all processes) |\n| --- | --- | --- | --- |")
    for name, run, pages in rows:
        print(f"| {name} | {run['seconds']:.2f} s | {pages / run['seconds']:.1f} |" if pages else
              f"| {name} | {run['seconds']:.2f} s | |", f"{run['total_mb']:.0f} MB |")
    print()
    print("| target | measured | |\n| --- | --- | --- |")
    names = {"ingest_vs_pdfplumber": "ingest of the long report, 1 worker, against the bare pdfplumber pass",
             "speedup_2_workers": "folder: 1 worker's time over 2 workers' time",
             "peak_memory_long_mb": "peak memory, long report (MB, all processes)",
             "extract_speedup": "folder: ingest (1 worker) time over extract time",
             "skip_ms_per_file": "unchanged file skipped (ms, inside ingest)"}
    for key, value in figures.items():
        op, target = TARGETS[key]
        ok = {"<=": value <= target, ">=": value >= target, "<": value < target}[op]
        print(f"| {names[key]} {op} {target} | {value:.2f} | {'meets' if ok else 'misses'} |")
    print()
    print("| pages | parser process | main process | all processes |\n| --- | --- | --- | --- |")
    for row in series:
        print(f"| {row['pages']} | {row['worker_mb']:.0f} MB | {row['main_mb']:.0f} MB | {row['total_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
