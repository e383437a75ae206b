#!/usr/bin/env python3
"""Run several long-lived processes as one, for `make run`.

    python scripts/procs.py web="python manage.py runserver" worker="celery -A crc.celery worker"

Each NAME=COMMAND starts one child. Every line a child prints is shown prefixed with
its name. Ctrl-C (SIGINT) or SIGTERM is passed on to every child; and when any child
exits on its own, the others are stopped too, because a web server without its worker
(or the reverse) would look healthy while silently not delivering anything.

Standard library only, so that starting the demo needs no extra dependency.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import threading
import time

# How long a child gets after SIGTERM before it is killed. Celery's warm shutdown
# finishes running tasks and, on the filesystem broker, takes 5-9 s even when idle
# (its polling loop), so the grace is well above that.
GRACE_SECONDS = 20.0

COLOURS = ["\033[36m", "\033[33m", "\033[35m", "\033[32m", "\033[34m"]
RESET = "\033[0m"


def parse(argv: list[str]) -> list[tuple[str, list[str]]]:
    specs = []
    for arg in argv:
        name, sep, command = arg.partition("=")
        if not sep or not name or not command.strip():
            raise SystemExit(f"procs.py: expected NAME=COMMAND, got {arg!r}")
        specs.append((name, shlex.split(command)))
    if not specs:
        raise SystemExit(__doc__)
    return specs


def pump(stream, prefix: str, lock: threading.Lock) -> None:
    # Line by line, under a lock, so that two children's lines never interleave mid-line.
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip("\n")
        with lock:
            sys.stdout.write(f"{prefix}{line}\n")
            sys.stdout.flush()
    stream.close()


def signal_group(proc: subprocess.Popen, signum: int) -> None:
    # Each child leads its own process group, so this also reaches what it started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signum)


def wait_then_sweep(name: str, proc: subprocess.Popen, deadline: float, say) -> None:
    # The leader was sent SIGTERM alone: Celery's main process then stops its own pool
    # (signalling the pool directly makes it hang on the dead workers). Whatever is left
    # in the group afterwards, such as runserver's autoreloaded child, is ended here.
    try:
        proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        say(f"procs.py: {name} did not stop in {GRACE_SECONDS:.0f}s; killing it")
        signal_group(proc, signal.SIGKILL)
        proc.wait()
    signal_group(proc, signal.SIGTERM)


def main(argv: list[str]) -> int:
    specs = parse(argv)
    width = max(len(name) for name, _ in specs)
    colour = sys.stdout.isatty()
    lock = threading.Lock()
    env = dict(os.environ, PYTHONUNBUFFERED="1")

    procs: list[tuple[str, subprocess.Popen]] = []
    threads = []
    stopping = threading.Event()

    def request_stop(signum, _frame) -> None:
        stopping.set()

    # Install handlers before starting anyone, so a Ctrl-C during start-up is not lost.
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    for index, (name, command) in enumerate(specs):
        label = name.ljust(width)
        prefix = f"{COLOURS[index % len(COLOURS)]}{label} |{RESET} " if colour else f"{label} | "
        try:
            # start_new_session: the terminal's Ctrl-C reaches only us, and we pass on
            # exactly one signal. Otherwise Celery would see two SIGINTs (the terminal's
            # and ours) and do a cold shutdown, dropping tasks in flight.
            proc = subprocess.Popen(  # noqa: S603 (the commands are the Makefile's own)
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            print(f"procs.py: cannot start {name}: {exc}", file=sys.stderr)
            stopping.set()
            break
        procs.append((name, proc))
        thread = threading.Thread(target=pump, args=(proc.stdout, prefix, lock), daemon=True)
        thread.start()
        threads.append(thread)

    first_exit: tuple[str, int] | None = None
    while not stopping.is_set():
        for name, proc in procs:
            code = proc.poll()
            if code is not None:
                first_exit = (name, code)
                stopping.set()
                break
        else:
            time.sleep(0.2)

    if first_exit:
        name, code = first_exit
        with lock:
            print(f"procs.py: {name} exited with status {code}; stopping the others", flush=True)
    else:
        with lock:
            print("procs.py: stopping", flush=True)

    def say(message: str) -> None:
        with lock:
            print(message, flush=True)

    # All at once, so that the grace periods run in parallel.
    deadline = time.monotonic() + GRACE_SECONDS
    for _, proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
    for name, proc in procs:
        wait_then_sweep(name, proc, deadline, say)
    for thread in threads:
        thread.join(timeout=2)

    # A requested stop (Ctrl-C) is a success; a child ending by itself is a failure even
    # with status 0, since each of them is meant to run until stopped.
    if first_exit:
        code = first_exit[1]
        return code if code > 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
