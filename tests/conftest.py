"""Shared helpers: synthetic words and lines for layout and furniture tests, tiny PDFs, paths."""
from __future__ import annotations

import re
import sys
from pathlib import Path

# pytest keeps the test modules it has rewritten for its assertions (tests/__pycache__) only where
# bytecode may be written. With PYTHONDONTWRITEBYTECODE set (as on the machines this was built
# on), every xdist worker rewrote every test module on every run: 11.5 s of collection against
# 7.5 s. Set here, before the test modules are imported; the variable is left as it is.
sys.dont_write_bytecode = False

import gc  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from once import ReadsKept, built_once, folded, run_folder

from pipeline.models import LaidOutPage, Line, ParsedPage, Word

if TYPE_CHECKING:
    from pipeline.extract import Extractor

# The rest of the pipeline (spaCy's and the parsers' modules among it) is imported by the
# fixtures that use it: pytest's controlling process, which runs no test under xdist, loads this
# file before it starts the workers, and each worker imports what its tests need anyway.

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"

A4_WIDTH, A4_HEIGHT = 595.0, 842.0
# Helvetica-ish: a character is about half the font size wide; a space about a quarter.
CHAR_WIDTH = 0.5
SPACE_WIDTH = 0.25


def words_of(
    text: str, x0: float, top: float, size: float = 10.0, bold: bool = False
) -> list[Word]:
    """The words of one printed line starting at x0, laid out left to right."""
    words: list[Word] = []
    x = x0
    for token in text.split():
        width = len(token) * size * CHAR_WIDTH
        words.append(Word(token, round(x, 2), round(x + width, 2), top, top + size, size, bold))
        x += width + size * SPACE_WIDTH
    return words


def page_of(rows: list[list[Word]], number: int = 1, width: float = A4_WIDTH, height: float = A4_HEIGHT) -> ParsedPage:
    return ParsedPage(number, width, height, tuple(w for row in rows for w in row))


def line(text: str, top: float, size: float = 10.0, x0: float = 72.0, bold: bool = False, gap: bool = False) -> Line:
    return Line(text, top, top + size, x0, size, bold, 0, gap)


def laid_out(
    number: int, lines: list[Line], footnotes: list[Line] = (), height: float = A4_HEIGHT
) -> LaidOutPage:
    return LaidOutPage(number, A4_WIDTH, height, 1, tuple(lines), tuple(footnotes), ())


# A test process holds a large heap for the whole run (spaCy, pandas, Datasette, 2,200 collected
# tests), and the collector's default young-generation pass every 700 allocations, each promoting
# into older passes over that heap, took 2.0-2.4 s of each xdist worker's quick run (timed with
# gc.callbacks). Every 10,000 allocations it takes 1.1-1.3 s, and the largest process peaks at
# 366 MB instead of 352 MB.
gc.set_threshold(10_000, 10, 10)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """At the end each process collected over everything it still held, once for pytest's
    unraisable-exception check and again at interpreter exit: 1.5-2 s per xdist worker, which the
    controller waited out before it could report. Frozen objects are left to the operating
    system; whatever is not in a reference cycle is still freed, and so closed, as its module is
    cleared. (Exceptions raised while a test runs are still reported with it.)"""
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session):
    """What import and collection build (spaCy, pandas, Datasette, some 2,200 test items) lives for
    the whole run and holds little garbage, yet the collector walked it again and again as it
    grew: 0.45-0.7 s of each xdist worker. It is left alone while it is built and then frozen,
    which keeps it out of the passes over the old generation during the tests too (those went
    from 1.0-1.2 s to 0.8-1.0 s a worker). The largest process still peaks at about 368 MB."""
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.enable()


def _quick_set(config: pytest.Config) -> bool:
    return config.getoption("markexpr") == "not slow"


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Hypothesis's pytest plugin imports Hypothesis (0.3 s) for its end-of-run summary, whether
    or not a test used it. In the quick set no module that uses Hypothesis is collected
    (pytest_ignore_collect below), so the plugin has nothing to report there and is let go before
    the summary. The terminal reporter writes its summary after every pytest_sessionfinish."""
    if _quick_set(session.config):
        plugins = session.config.pluginmanager
        if plugins.get_plugin("hypothesispytest") is not None:
            plugins.unregister(name="hypothesispytest")


_MODULE_MARKED_SLOW = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.MULTILINE)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The quick set (`-m "not slow"`) does not import a module whose every test is slow (a
    module-level `pytestmark = pytest.mark.slow`): each worker would import it (Hypothesis, mypy,
    Selenium...) only to deselect all of it, about a second of every quick run."""
    if (_quick_set(config) and collection_path.suffix == ".py"
            and collection_path.name.startswith("test_")):
        if _MODULE_MARKED_SLOW.search(collection_path.read_text(encoding="utf-8")):
            return True
    return None


@pytest.fixture
def real_corpus() -> Path:
    if not REAL_CORPUS.is_dir():
        pytest.skip("the shared real corpus (../shared/corpus/real) is not available")
    return REAL_CORPUS


@pytest.fixture(scope="session")
def extractor(_one_extractor_per_rule_set) -> Extractor:
    """The shipped rules and spaCy pipeline, built once for every extraction test (and the same
    one in-process CLI runs with the shipped rules use)."""
    from pipeline import run
    from pipeline.rules import load_rules

    return run.make_extractor(load_rules())


# ---------------------------------------------------------------------------------------------
# Databases built once per run (once.built_once: one xdist worker builds, the others wait and
# share it) and shared READ ONLY: a test that writes takes a copy (test_review.copy_db). Each is a
# CLI ingest (spaCy, extraction, migrations) that parses in this process (loopback.parsing_here).

CORPUS = REPO / "corpus"


def _settled(db: Path) -> str:
    """The database folded into its main file, and that file's hash: readers leave it unchanged."""
    import hashlib

    return hashlib.sha256(folded(db).read_bytes()).hexdigest()


def _shared(db: Path):
    """Yield `db`; afterwards fail if any test wrote to it (it is shared by the whole session)."""
    before = _settled(db)
    yield db
    assert _settled(db) == before, f"a test wrote to the shared read-only database {db}: copy it first (test_review.copy_db)"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """corpus/*.pdf ingested (and so extracted) once per run through the CLI with the shipped rules."""
    from click.testing import CliRunner

    from pipeline.cli.main import cli

    if not sorted(CORPUS.glob("*.pdf")):
        pytest.skip("no corpus/*.pdf (run tests/make_corpus.py)")

    def build(folder: Path) -> None:
        from loopback import parsing_here

        with parsing_here():
            result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", str(folder / "corpus.db"), "--quiet"])
        assert result.exit_code == 0, result.output

    yield from _shared(built_once(tmp_path_factory, "corpus", build) / "corpus.db")


@pytest.fixture(scope="session")
def vetting_template(tmp_path_factory):
    """test_review's one-report database (vetting.pdf, the tests' rules beside it in rules/),
    shared by the review, sheet, tracking, status, overlay and decisions tests."""
    from test_review import build_template

    def build(folder: Path) -> None:
        from loopback import parsing_here

        with parsing_here():
            build_template(folder)

    yield from _shared(built_once(tmp_path_factory, "vetting", build) / "template.db")


@pytest.fixture
def vetting_db(vetting_template, tmp_path):
    """A copy of vetting_template of the test's own, to write to."""
    from test_review import copy_db

    return copy_db(vetting_template, tmp_path / "vetting.db")


@pytest.fixture(scope="session")
def vetting_names(vetting_template, tmp_path_factory) -> dict[str, str]:
    """Short names for vetting_template's items (test_review.ids: coc, rec1 ... afi1 -> id): the
    same in every copy, so taken once."""
    from test_review import copy_db, ids

    return ids(copy_db(vetting_template, tmp_path_factory.mktemp("names") / "vetting.db"))


@pytest.fixture
def names(vetting_names: dict[str, str]) -> dict[str, str]:
    """vetting_names as the test's own dict (it may add to it): ids(db) of any vetting_db copy
    the test has not written to."""
    return dict(vetting_names)


@pytest.fixture(scope="session")
def _vetting_export(vetting_template) -> list[dict]:
    from test_review import export

    return export(vetting_template)  # only reads it


@pytest.fixture
def original(_vetting_export: list[dict]) -> list[dict]:
    """export(db) of a vetting_db copy before the test writes to it: taken once per session, each
    test gets its own copy (it may edit it)."""
    import copy

    return copy.deepcopy(_vetting_export)


@pytest.fixture(scope="session", autouse=True)
def _pdf_reads_kept(request, tmp_path_factory):
    """What pdfplumber read from a PDF's bytes is kept and given again for the same bytes, across
    tests, workers and runs (once.ReadsKept says what is keyed and what still runs). Parser
    processes, which only the slow tests start, read for themselves."""
    from pipeline.ingest import pdf

    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = cache.mkdir("hmicfrs-pdf-reads") if cache is not None else run_folder(tmp_path_factory)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "read_pages", ReadsKept(Path(folder), pdf.read_pages))
        yield


@pytest.fixture(scope="session")
def made_up_rules(tmp_path_factory):
    """The shipped rules plus the made-up forces and services of org_fixtures (Midshire Police
    ...), read only."""
    from org_fixtures import rules_with_made_up_bodies

    return rules_with_made_up_bodies(tmp_path_factory.mktemp("made-up-rules"))


@pytest.fixture
def real_pdf_reads(monkeypatch):
    """pdfplumber reads every PDF in this test, for a test whose subject is the reading itself."""
    from pipeline.ingest import pdf

    if isinstance(pdf.read_pages, ReadsKept):
        monkeypatch.setattr(pdf, "read_pages", pdf.read_pages.read_pages)


@pytest.fixture(scope="session", autouse=True)
def _one_extractor_per_rule_set():
    """`hmicfrs ingest` and `extract` build the spaCy pipeline and Extractor on every run (a second
    or more each); in-process CLI runs share one per rules folder and content instead. The
    Extractor is pure given its rules, so the same rules give the same object's behaviour; a rules
    folder whose files change gets a new fingerprint and so a new one. The spaCy pipeline is built
    from the rules of nlp.PIPELINE_RULE_FILES alone (a rule names its file, not its folder), so
    rule sets that hold the same rules there share one (most tests that edit rules edit others);
    each still gets its own Extractor, whose rules name its folder (a report's subject is read
    from there). Processes the tests start (the slow tests) still build their own."""
    from pipeline import run
    from pipeline.extract import Extractor
    from pipeline.extract.nlp import PIPELINE_RULE_FILES

    built: dict[tuple[str, str], Extractor] = {}
    pipelines: dict[tuple, object] = {}  # the pipeline's rules -> spaCy pipeline
    make = run.make_extractor

    def shared(rules):
        key = (rules.directory, rules.fingerprint)
        if key not in built:
            pipeline_rules = tuple(rule for name in PIPELINE_RULE_FILES for rule in rules.of(name))
            if pipeline_rules in pipelines:
                built[key] = Extractor(rules, pipelines[pipeline_rules])
            else:
                built[key] = make(rules)
                pipelines[pipeline_rules] = built[key].nlp
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run, "make_extractor", shared)
        yield


@pytest.fixture(scope="session", autouse=True)
def _rules_read_once_per_content():
    """load_rules parses and checks every rule file (~20 ms), and the CLI commands, the review
    validation (the known addressees) and the gazetteer each call it: some 350 times in the quick
    set, nearly always on the same files, most of them the tests' own copies of the shipped rules.
    In this process rules files holding the same bytes are parsed once: a RuleSet is frozen and
    differs from folder to folder only in the folder it names, so another folder with the same
    files gets the same rules under its own name. A changed, added or removed file is new content,
    and a folder whose rules are refused raises every time."""
    import dataclasses

    from pipeline import rules

    load = rules.load_rules
    by_content: dict[tuple, rules.RuleSet] = {}
    by_folder: dict[tuple, rules.RuleSet] = {}

    def load_once(directory=None):
        root = Path(directory) if directory else rules.DEFAULT_RULES_DIR
        try:
            content = tuple(sorted((p.name, p.read_bytes()) for p in root.glob("*.jsonl")))
        except OSError:
            return load(directory)
        if (content, str(root)) not in by_folder:
            if content not in by_content:
                by_content[content] = load(directory)
            by_folder[content, str(root)] = dataclasses.replace(by_content[content], directory=str(root))
        return by_folder[content, str(root)]

    with pytest.MonkeyPatch.context() as patch:
        # the modules that imported the function by name, and the later imports through rules
        for module in [m for name, m in sys.modules.items() if name.startswith("pipeline") and m is not None]:
            if getattr(module, "load_rules", None) is load:
                patch.setattr(module, "load_rules", load_once)
        yield


@pytest.fixture(scope="session", autouse=True)
def _new_databases_from_a_migrated_template(tmp_path_factory):
    """A new database is created by running every migration (~70 ms; the fast suite makes over a
    hundred, most through `hmicfrs ingest`). In this process a new file is instead a copy of one
    empty database the same migrations made once per session (~1 ms), then opened the ordinary
    way. A test that swaps the migrations (test_backup) still runs them, and an existing file is
    never touched. Processes the tests start still migrate for themselves."""
    import os
    import shutil
    import threading

    from pipeline import store
    from pipeline.store import schema

    connect, migrations, version = schema.connect, schema.MIGRATIONS, schema.SCHEMA_VERSION
    folder = tmp_path_factory.mktemp("migrated")
    template = folder / "empty.db"
    making = threading.Lock()

    def connect_new_from_template(path, create=True):
        target = Path(path)
        if (create and str(path) != ":memory:" and not target.exists() and schema.MIGRATIONS is migrations
                and schema.SCHEMA_VERSION == version):
            with making:
                if not template.exists():
                    connect(folder / "making.db").conn.close()
                    folded(folder / "making.db")  # all in the main file: a copy is enough
                    os.replace(folder / "making.db", template)
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = folder / f"staged-{os.getpid()}-{id(target)}.db"
            shutil.copyfile(template, staged)
            try:
                os.link(staged, target)  # never over a file another connection created meanwhile
            except OSError:
                pass  # it exists now (or is on another file system): the ordinary path decides
            finally:
                staged.unlink()
        db = connect(path, create)
        # A test's database is thrown away, so waiting for each commit to reach the disk buys
        # nothing (~4 s of the quick set); the crash tests run their own processes and keep it.
        db.execute("PRAGMA synchronous = OFF")
        return db

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "connect", connect_new_from_template)
        patch.setattr(store, "connect", connect_new_from_template)
        yield


@pytest.fixture(scope="session", autouse=True)
def _datasette_parses_once():
    """Each test builds its own Datasette (its own copy of a database, its own sign-in state), and
    each build parsed datasette/metadata.yml (~50 ms in pure-Python YAML), listed the plugins
    (~20 ms) and compiled every template it rendered into a new Jinja environment (~100 ms for
    the first page): most of what a serve test cost. Here each is done once per session: the
    YAML by its text and the plugin list by the plugins registered (a deep copy each time, so a
    caller that edits what it gets edits its own), the templates through a Jinja bytecode cache
    every Datasette shares, keyed by template file and checked against the source's hash, so an
    edited template is compiled again. What is served is unchanged."""
    import copy

    import jinja2
    import yaml
    from datasette import app as datasette_app

    parsed: dict[str, object] = {}
    safe_load = yaml.safe_load

    def load_once(stream):
        if not isinstance(stream, str):
            return safe_load(stream)
        if stream not in parsed:
            parsed[stream] = safe_load(stream)
        return copy.deepcopy(parsed[stream])

    class SharedBytecode(jinja2.BytecodeCache):
        def __init__(self):
            self.compiled: dict[str, bytes] = {}

        def load_bytecode(self, bucket):
            if bucket.key in self.compiled:
                bucket.bytecode_from_string(self.compiled[bucket.key])  # a changed source resets it

        def dump_bytecode(self, bucket):
            self.compiled[bucket.key] = bucket.bytecode_to_string()

    shared = SharedBytecode()
    init = datasette_app.Datasette.__init__
    listed: dict[tuple, list] = {}
    get_plugins = datasette_app.get_plugins

    def plugins_once():
        # Datasette lists its plugins (reading each one's package metadata, ~10 ms) on every build
        # and every app(); the list only changes when the registered plugins do, which is the key.
        key = tuple(sorted((name, id(plugin)) for name, plugin in datasette_app.pm.list_name_plugin()))
        if key not in listed:
            listed[key] = get_plugins()
        return copy.deepcopy(listed[key])

    def init_sharing_templates(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.jinja_env.bytecode_cache = shared

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml, "safe_load", load_once)
        patch.setattr(datasette_app.Datasette, "__init__", init_sharing_templates)
        patch.setattr(datasette_app, "get_plugins", plugins_once)
        yield


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory):
    """(database, pdf): test_serve's sample report ingested once, for the serve, review-in-the-
    browser and attack tests."""
    from test_serve import build_database

    def build(folder: Path) -> None:
        from loopback import parsing_here

        with parsing_here():
            build_database(folder)

    folder = built_once(tmp_path_factory, "serve", build)
    for shared in _shared(folder / "hmicfrs.db"):
        yield shared, folder / "sample report.pdf"


@pytest.fixture
def parse_in_process():
    """Ingest runs each file's parse_and_clean in this process rather than in a parser process.

    For tests where ingest is the means, not the subject (decisions surviving a re-ingest, what
    `checks` reports, export rows, how names and folders are read): the same function on the same
    bytes gives the same document, without a process start and a cold parser (about half a second
    per ingest). Worker processes, their time and memory limits and their failures are the subject
    of test_parallel.py, test_robustness.py and the tests in test_ingest*.py that do not ask for
    this, which keep them."""
    from loopback import parsing_here

    with parsing_here():
        yield
