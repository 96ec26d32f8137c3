"""Run a parse, import or validation in a separate process with a time and memory limit, killed when either passes.

Why a process: a hostile plan holds the GIL for minutes and grows the server
by gigabytes; in a thread it would slow every kiosk of the server and could
not be stopped. Here the work runs in a child (forked from a small fork
server that has the readers imported, so a start costs milliseconds, not an
interpreter start), at a lower CPU priority, with an address-space limit and
a CPU-time backstop. The caller waits in short ticks and kills the child when
the time limit passes (the child's CPU seconds, so that a busy machine does
not fail a fair file; wall time is capped at WALL_FACTOR times the limit) or
when ``cancelled()`` says the user has left (the Streamlit page passes a check
of its session):

    >>> run = run_bounded(len, "abc", budget=Budget(time_limit_s=5))  # doctest: +SKIP
    >>> run.value, run.how
    (3, 'done')

A run never raises for the child's sake: ``how`` is ``done``, ``error`` (the
task raised; ``error`` holds it), ``timeout``, ``memory`` or ``crashed``, and
``unwrap()`` turns the last four into one ``PlanError`` with a clear line.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.connection import Connection
from typing import Any, Generic, Literal, TypeVar, cast

from .budgets import Budget, BudgetExceeded
from .problems import PlanError, Problem

__all__ = ["WORKER_NICE", "Cancelled", "Run", "run_bounded"]

T = TypeVar("T")
#: How much lower than the server the worker runs (kiosks keep the CPU they need).
WORKER_NICE = 10
#: The time limit counts the worker's CPU seconds (a loaded machine does not fail a fair file); wall time may
#: run to this many times the limit before the worker is stopped anyway.
WALL_FACTOR = 6.0
#: Modules the fork server imports once, so each worker starts with the readers ready.
PRELOAD = ["floorplans.intake"]
_MB = 2**20


class Cancelled(Exception):
    """The caller left (``cancelled()`` returned True); the worker was killed."""


@dataclass
class Run(Generic[T]):
    """What happened to one bounded run, with its wall time and the worker's peak memory."""

    how: Literal["done", "error", "timeout", "memory", "crashed"]
    value: T | None = None
    error: BaseException | None = None
    elapsed_s: float = 0.0
    peak_mb: float = 0.0
    budget: Budget | None = None

    def unwrap(self) -> T:
        """The value, or the run's failure as one PlanError (BudgetExceeded for time and memory)."""
        if self.how == "done":
            return cast(T, self.value)  # done: the task's own value, None included
        if self.how == "error" and self.error is not None:
            raise self.error
        limits = self.budget or Budget()
        if self.how == "timeout":
            raise BudgetExceeded(f"reading this file took more than {limits.time_limit_s:g} s, the limit; it was stopped",
                                 what="seconds", found=self.elapsed_s, limit=limits.time_limit_s)
        if self.how == "memory":
            raise BudgetExceeded(f"reading this file needs more than {limits.memory_limit_mb:,} MB of memory, the limit; "
                                 "it was stopped", what="MB", found=self.peak_mb, limit=limits.memory_limit_mb)
        raise PlanError([Problem(code="import-failed", message="the reader stopped unexpectedly; the file could not be read")])


WORKER_NAME = "floorplans-worker"
_preparation_data = spawn.get_preparation_data


def _without_main(name: str) -> dict[str, Any]:
    """Preparation data for a new process, minus the parent's main module for our workers.

    A forkserver or spawn child normally re-runs the parent's ``__main__`` (Streamlit's command
    line, a bench script, a script read from stdin). The worker needs only the task's own module,
    so ours start without it; every other process is prepared as usual.
    """
    data = _preparation_data(name)
    if name == WORKER_NAME:
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


spawn.get_preparation_data = _without_main


@functools.cache
def _context() -> mp.context.ForkServerContext | mp.context.SpawnContext:
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _peak_mb(pid: int | None = None, field: str = "VmHWM") -> float:
    """Peak resident (VmHWM) or virtual (VmPeak) memory of a process, in MB; 0 where /proc is missing."""
    try:
        with open(f"/proc/{pid or 'self'}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _cpu_s(pid: int | None) -> float:
    """User plus system CPU seconds a process has used (0 where /proc is missing or the process has not started)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _limit_self(budget: Budget) -> None:
    """In the child: the budget as settings, lower priority, a cap on address space and CPU time."""
    os.environ.update(budget.as_env())  # readers that consult Budget.from_env() see the caller's budget
    try:
        os.nice(WORKER_NICE)
    except OSError:
        pass
    vm = _vm_bytes()
    if vm:
        cap = vm + budget.memory_limit_mb * _MB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = int(budget.time_limit_s) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child(conn: Connection, task: Callable[..., Any], args: tuple, budget: Budget) -> None:
    _limit_self(budget)
    try:
        value = task(*args)
        message: tuple = ("done", value)
    except MemoryError:
        message = ("memory", None)
    except BudgetExceeded as exc:
        message = ("error", exc)
    except PlanError as exc:  # its own pickling would lose the problems: send them as data
        message = ("plan-error", [p.model_dump() for p in exc.problems], exc.source)
    except Exception as exc:  # a reader's own failure becomes one PlanError line in the parent
        message = ("plan-error", [{"code": "import-failed", "message": f"{type(exc).__name__}: {exc}"}], None)
    try:
        conn.send((message, _peak_mb()))
    except MemoryError:
        conn.send((("memory", None), _peak_mb()))
    finally:
        conn.close()


def _outcome(message: tuple, elapsed: float, peak: float, budget: Budget) -> Run:
    how = message[0]
    if how == "plan-error":
        error = PlanError([Problem.model_validate(p) for p in message[1]], message[2])
        return Run("error", error=error, elapsed_s=elapsed, peak_mb=peak, budget=budget)
    if how == "error":
        return Run("error", error=message[1], elapsed_s=elapsed, peak_mb=peak, budget=budget)
    if how == "memory":
        return Run("memory", elapsed_s=elapsed, peak_mb=peak, budget=budget)
    return Run("done", value=message[1], elapsed_s=elapsed, peak_mb=peak, budget=budget)


def _crashed(elapsed: float, peak: float, virtual: float, budget: Budget) -> Run:
    """A child that died without a word: out of memory (a C or Rust allocation that aborts) if it neared the cap."""
    how: Literal["memory", "crashed"] = "memory" if virtual >= budget.memory_limit_mb else "crashed"
    return Run(how, elapsed_s=elapsed, peak_mb=peak, budget=budget)


def run_bounded(task: Callable[..., T], *args: Any, budget: Budget | None = None,
                cancelled: Callable[[], bool] | None = None, tick_s: float = 0.05) -> Run[T]:
    """Run ``task(*args)`` in a worker process within ``budget``'s time and memory limits.

    ``task`` and its arguments must pickle (pass a file path, not the file). ``cancelled`` is
    called every tick; when it returns True, or raises (Streamlit's stop on a rerun), the worker
    is killed first (Cancelled, or the callback's exception, propagates).
    """
    budget = budget or Budget.from_env()
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, task, args, budget), daemon=True, name=WORKER_NAME)
    start = time.monotonic()
    process.start()
    sender.close()
    peak = virtual = 0.0
    try:
        while True:
            if receiver.poll(tick_s):
                try:
                    message, child_peak = receiver.recv()
                except (EOFError, OSError):
                    return _crashed(time.monotonic() - start, peak, virtual, budget)
                return _outcome(message, time.monotonic() - start, max(peak, child_peak), budget)
            peak = max(peak, _peak_mb(process.pid))
            virtual = max(virtual, _peak_mb(process.pid, "VmPeak"))
            elapsed = time.monotonic() - start
            if _cpu_s(process.pid) > budget.time_limit_s or elapsed > WALL_FACTOR * budget.time_limit_s:
                return Run("timeout", elapsed_s=elapsed, peak_mb=peak, budget=budget)
            if not process.is_alive() and not receiver.poll(0):
                return _crashed(elapsed, peak, virtual, budget)
            if cancelled is not None and cancelled():
                raise Cancelled("the user left; the worker was stopped")
    finally:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        receiver.close()
