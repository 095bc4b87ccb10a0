"""Worker processes that can be killed: a time limit per task, a memory limit, recycling.

concurrent.futures cannot stop one stuck task (killing its process breaks the whole pool), and a
PDF can make pdfminer loop or swallow memory. Here each worker runs one task at a time over its
own pipe; the parent kills a worker whose task runs past its deadline, notices one that died,
reports that task as failed and starts a fresh worker, and the rest of the batch goes on.
Workers are also replaced after a number of pages, which bounds pdfminer's slow growth.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from queue import Full, Queue
from typing import Callable, Generator, Hashable, Iterable, Iterator

from pipeline.errors import PipelineError

# The server that forks workers imports the parser once, so a fresh worker starts in milliseconds.
_PRELOAD = ["pipeline.ingest.worker"]


@dataclass(frozen=True)
class TaskFailed:
    """A task's result when it could not finish; `reason` is one line for the user."""

    code: str
    reason: str
    retire: bool = False  # the worker's state is suspect (e.g. after a MemoryError)


@dataclass(frozen=True)
class Limits:
    timeout: float | None = None  # seconds per task
    memory_bytes: int | None = None  # address space per worker (RLIMIT_AS)
    recycle_after: int = 2000  # units of work (pages) before a worker is replaced


def context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _serve(conn, initializer, initargs, memory_bytes, parent_pid: int) -> None:
    """A worker's loop: receive (function, args), send back its result, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_when_gone, args=(parent_pid,), daemon=True).start()
    if not os.environ.get("HMICFRS_WORKER_STDERR"):
        # A worker that runs out of memory can fail anywhere, printing tracebacks from inside the
        # interpreter; the user gets one line per file from the parent instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    if memory_bytes:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    if initializer:
        initializer(*initargs)
    conn.send(_READY)  # time limits start from here, not from the fork
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, args = message
        try:
            result = function(*args)
        except MemoryError:
            result = TaskFailed("resource_limit", _memory_reason(memory_bytes), retire=True)
        except Exception as exc:  # a bug, not a bad input: still one line, and the batch goes on
            result = TaskFailed("internal_error", f"internal error: {type(exc).__name__}: {exc}"[:200])
        try:
            conn.send(result)
        except MemoryError:
            del result
            try:
                conn.send(TaskFailed("resource_limit", _memory_reason(memory_bytes), retire=True))
            except BaseException:
                os._exit(70)  # the parent reports the task as failed when the pipe closes


def _exit_when_gone(parent_pid: int) -> None:
    """A worker outlives a killed ingest only until it notices: nobody would stop a runaway parse."""
    while True:
        time.sleep(_POLL_S * 5)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(75)
        except PermissionError:
            pass


def _memory_reason(memory_bytes: int | None) -> str:
    limit = f" (limit {memory_bytes // (1 << 20)} MB, --max-memory)" if memory_bytes else ""
    return f"ran out of memory while parsing{limit}"


_READY = "ready"
_START_TIMEOUT_S = 120


class WorkerStartError(PipelineError):
    code = "worker"


class _Worker:
    def __init__(self, ctx, initializer, initargs, limits: Limits):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, initializer, initargs, limits.memory_bytes, os.getpid()),
                                   daemon=True)
        self.process.start()
        child.close()
        self.key: Hashable | None = None
        self.deadline = float("inf")
        self.done = 0

    def wait_ready(self) -> "_Worker":
        try:
            if self.conn.poll(_START_TIMEOUT_S) and self.conn.recv() == _READY:
                return self
        except (EOFError, OSError):
            pass
        self.stop(kill=True)
        raise WorkerStartError(f"could not start a parser process (exit code {self.process.exitcode})")

    @property
    def busy(self) -> bool:
        return self.key is not None

    def assign(self, key: Hashable, function: Callable, args: tuple, timeout: float | None) -> None:
        self.key = key
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send((function, args))

    def finish(self) -> Hashable:
        key, self.key, self.deadline = self.key, None, float("inf")
        return key

    def stop(self, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def run(
    tasks: Iterable[tuple[Hashable, Callable, tuple]],
    workers: int,
    limits: Limits,
    initializer: Callable | None = None,
    initargs: tuple = (),
    weigh: Callable[[object], int] = lambda _result: 1,
) -> Iterator[tuple[Hashable, object]]:
    """Yield (key, result) for each task as it finishes; a task that fails yields a TaskFailed.

    A thread hands out the tasks and watches the deadlines, so the workers keep parsing while
    the caller stores a result (or waits for another writer's lock); at most a few finished
    results wait for the caller.
    """
    queue = deque(tasks)
    if not queue:
        return
    results: Queue = Queue(maxsize=2 * max(1, workers))
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                results.put(item, timeout=_POLL_S)
                return True
            except Full:
                continue
        return False

    def dispatch() -> None:
        outcomes = _dispatch(queue, workers, limits, initializer, initargs, weigh, stop)
        try:
            for outcome in outcomes:
                if not put(outcome):
                    return
            put(_DONE)
        except BaseException as exc:  # e.g. no worker could start: the caller raises it
            put(_Raised(exc))
        finally:
            outcomes.close()

    thread = threading.Thread(target=dispatch, name="hmicfrs-workers", daemon=True)
    thread.start()
    try:
        while True:
            item = results.get()
            if item is _DONE:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        stop.set()
        thread.join()


_POLL_S = 0.2
_DONE = object()


@dataclass(frozen=True)
class _Raised:
    exc: BaseException


def _dispatch(queue: deque, workers: int, limits: Limits, initializer, initargs, weigh,
              stop: threading.Event) -> Generator[tuple[Hashable, object], None, None]:
    ctx = context()
    started = [_Worker(ctx, initializer, initargs, limits) for _ in range(max(1, min(workers, len(queue))))]
    pool: list[_Worker] = []
    try:
        pool.extend(worker.wait_ready() for worker in started)
    except BaseException:
        for worker in started:
            worker.stop(kill=True)
        raise

    def replace(index: int, kill: bool) -> None:
        pool[index].stop(kill=kill)
        pool[index] = _Worker(ctx, initializer, initargs, limits).wait_ready()

    def top_up() -> None:
        for worker in pool:
            if not worker.busy and queue:
                key, function, args = queue.popleft()
                worker.assign(key, function, args, limits.timeout)

    try:
        while not stop.is_set():
            top_up()
            busy = [index for index, worker in enumerate(pool) if worker.busy]
            if not busy:
                return
            soonest = min(pool[index].deadline for index in busy)
            ready = wait(
                [pool[i].conn for i in busy] + [pool[i].process.sentinel for i in busy],
                timeout=min(_POLL_S, max(0.0, soonest - time.monotonic())),
            )
            finished = [_collect(pool, index, ready, limits, replace, weigh) for index in busy]
            top_up()
            for outcome in finished:
                if outcome is not None:
                    yield outcome
    finally:
        for worker in pool:
            worker.stop(kill=True)


def _collect(pool, index, ready, limits: Limits, replace, weigh) -> tuple[Hashable, object] | None:
    """The finished task of pool[index], if any: a result, a death or a missed deadline."""
    worker = pool[index]
    if worker.conn in ready or worker.conn.poll():
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            outcome = worker.finish(), _died(worker)
            replace(index, kill=True)
            return outcome
        worker.done += weigh(result)
        outcome = worker.finish(), result
        if worker.done >= limits.recycle_after or getattr(result, "retire", False):
            replace(index, kill=False)
        return outcome
    if worker.process.sentinel in ready:
        worker.process.join()
        outcome = worker.finish(), _died(worker)
        replace(index, kill=True)
        return outcome
    if time.monotonic() >= worker.deadline:
        outcome = worker.finish(), TaskFailed(
            "timeout", f"gave up after {limits.timeout:g} s (time limit per file, --timeout)"
        )
        replace(index, kill=True)
        return outcome
    return None


def _died(worker: _Worker) -> TaskFailed:
    worker.process.join(1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        hint = " (out of memory?)" if -code in (signal.SIGKILL, signal.SIGSEGV) else ""
        return TaskFailed("worker_died", f"parser process died: {name}{hint}")
    return TaskFailed("worker_died", f"parser process died (exit code {code})")


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
