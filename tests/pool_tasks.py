"""Tasks for the worker-pool tests, in a module of their own so a fresh worker imports them at once."""
from __future__ import annotations

import os
import signal
import time


def pid(_n: int) -> int:
    return os.getpid()


def sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def die(_n: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def boom(_n: int) -> int:
    raise RuntimeError("a bug")


def note_pid_then_sleep(path: str, seconds: float) -> int:
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    time.sleep(seconds)
    return os.getpid()


def span(seconds: float) -> tuple[int, float, float]:
    started = time.time()
    time.sleep(seconds)
    return os.getpid(), started, time.time()
