"""Measuring a command or a Python snippet in a child process: wall time and the child's own peak memory."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    extra: dict


def run_command(argv: list[str], timeout: float = 900, env: dict | None = None) -> Sample:
    """Wall time and peak RSS (from wait4, so only this child's) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            raise TimeoutError(f"{argv[:3]} ran past {timeout:g} s")
        time.sleep(0.002)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv[:3]} failed: {output[-500:]}")
    extra = {}
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if lines:
        extra = json.loads(lines[-1])
    return Sample(seconds, usage.ru_maxrss / 1024, extra)


def run_python(code: str, timeout: float = 900) -> Sample:
    return run_command([sys.executable, "-c", code], timeout)


def summary(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def fmt(values: list[float], unit: str = "s") -> str:
    median, low, high = summary(values)
    if unit == "s" and median < 0.01:  # milliseconds, else a fast query reads "0.000 s"
        return f"{median * 1000:.2f} ms ({low * 1000:.2f}–{high * 1000:.2f})"
    if unit == "s":
        return f"{median:.3f} s ({low:.3f}–{high:.3f})"
    return f"{median:.0f} MB ({low:.0f}–{high:.0f})"


def descendants(pid: int) -> list[int]:
    """A process and all its descendants (a server and its query workers), from /proc."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # a worker replaced meanwhile
    return found


def tree_memory(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for current in descendants(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue  # a worker replaced meanwhile
    return total


def tree_cpu(pid: int) -> float:
    """CPU time (user and system, in seconds) used so far by a process and its living descendants."""
    total = 0
    for current in descendants(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
        except (FileNotFoundError, ProcessLookupError):
            continue  # a worker replaced meanwhile
        total += int(fields[11]) + int(fields[12])  # utime and stime (fields 14 and 15 of proc(5)), in ticks
    return total / os.sysconf("SC_CLK_TCK")


def within_budget(run: Callable[[str], object], text: str, repeat: int, budget: int) -> list[float] | None:
    """The seconds each of `repeat` runs of a query took, or None when one ran past `budget` seconds (stopped by
    SIGALRM: for the child processes that time a query engine)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError()

    previous = signal.signal(signal.SIGALRM, stop)
    samples = []
    try:
        for _ in range(repeat):
            signal.alarm(budget)
            try:
                started = time.perf_counter()
                run(text)
                samples.append(time.perf_counter() - started)
            except TimeoutError:
                return None
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return samples
