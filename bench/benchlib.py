"""Helpers the Python sections of scripts/bench share (it puts this folder on PYTHONPATH)."""
import json
import os
import signal
import socket
import sys


def pct(values, p):
    """The p-th percentile, interpolated between the two nearest ranks."""
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def closed_port():
    """A loopback port where nothing listens (a redirect URI the browser is sent to, and fails)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def goal(what, value, target, ok):
    """One line of the summary scripts/bench prints at the end: ok is True, False (a miss, said as
    such) or None (no goal, for information)."""
    path = os.environ.get("BENCH_SUMMARY")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"what": what, "value": value, "target": target, "ok": ok}) + "\n")


def stop_on_sigterm():
    """A SIGTERM (the bench being stopped) runs the finally blocks that stop servers."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
