"""Run untrusted work (an uploaded template's check or render) in a child process with memory and time
limits, so no upload can take the app process, or the requests it serves, down with it.

`run(func, *args, memory_mb=..., seconds=...)` forks, lowers the child's address-space limit
(RLIMIT_AS: what the parent already maps + `memory_mb`) and CPU limit, calls `func(*args)` there and
returns its (picklable) result. A child that runs out of memory or time is killed and `Exceeded` is
raised; any other exception from `func` is raised again in the parent. The parent's own memory never
grows by more than the result it receives.

Flask-free; the app uses it from services/exports.py. Set `BOUNDED_INLINE = True` (tests that need
coverage of the function itself) to run inline instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from typing import Any

BOUNDED_INLINE = False
_CTX = multiprocessing.get_context("fork")


class Exceeded(Exception):
    """The child ran out of memory (`kind == "memory"`) or time (`kind == "time"`)."""

    def __init__(self, kind: str, limit: int) -> None:
        super().__init__(f"{kind} limit of {limit} exceeded")
        self.kind = kind
        self.limit = limit


def _mapped_bytes() -> int:
    """The current process's virtual size (VmSize), which RLIMIT_AS counts."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return 0


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], memory: int, seconds: int) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit = _mapped_bytes() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        result: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        result = ("error", exc)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None))
    except Exception:  # an exception that does not pickle: send its text
        conn.send(("error", RuntimeError("".join(traceback.format_exception_only(result[1])).strip())))
    finally:
        conn.close()


def run(func: Callable[..., Any], *args: Any, memory_mb: int = 512, seconds: int = 30) -> Any:
    """`func(*args)` in a child process limited to `memory_mb` more memory and `seconds` of time."""
    if BOUNDED_INLINE:
        return func(*args)
    receive, send = _CTX.Pipe(duplex=False)
    child = _CTX.Process(target=_child, args=(send, func, args, memory_mb * 1024 * 1024, seconds), daemon=True)
    child.start()
    send.close()
    status, value = "died", None
    try:
        if not receive.poll(seconds):
            raise Exceeded("time", seconds)
        with contextlib.suppress(EOFError):  # EOF: the child died without answering, killed by a limit
            status, value = receive.recv()
    finally:
        receive.close()
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join()
    if status == "died" and child.exitcode == -signal.SIGXCPU:
        raise Exceeded("time", seconds)
    if status in ("memory", "died"):
        raise Exceeded("memory", memory_mb)
    if status == "error":
        raise value
    return value
