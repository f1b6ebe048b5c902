"""`flask --app app serve` (and `make serve`): gunicorn from gunicorn.conf.py, plus the job worker(s)
when REDIS_URL is set. One process group to start and stop: SIGTERM or Ctrl+C stops every part
gracefully (gunicorn finishes its requests, a worker finishes its job); if one part dies, the rest are
stopped and the exit code says so, so a service manager restarts the whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .config import ROOT

GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def commands(redis_url: str, job_workers: int, conf: Path = GUNICORN_CONF) -> list[list[str]]:
    parts = [[sys.executable, "-m", "gunicorn", "-c", str(conf)]]
    if redis_url:
        parts += [[sys.executable, "-m", "flask", "--app", "app", "worker"] for _ in range(job_workers)]
    return parts


def _stop(processes: list[subprocess.Popen], grace: float) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(redis_url: str, job_workers: int, grace: float = 40) -> int:
    """Start every part; return when they have stopped (0 after a requested stop)."""
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    processes = [subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy()) for cmd in commands(redis_url, job_workers)]
    failed = 0
    while not stopping:
        exited = [p for p in processes if p.poll() is not None]
        if exited:
            failed = exited[0].returncode or 1
            print(f"kravbygger serve: {' '.join(exited[0].args[1:4])} stopped (exit {exited[0].returncode}); "
                  "stopping the rest", file=sys.stderr)
            break
        time.sleep(0.2)
    _stop(processes, grace)
    return failed
