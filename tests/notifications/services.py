"""Real services for the broker tests and the benchmark: a private Redis, an SMTP sink, workers.

The shared Redis on 6379 is never touched: each helper starts its own processes on its own
ports and stops only those.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def use_broker(url: str) -> None:
    """Point Celery at another broker for the rest of the process."""
    from kombu import pools

    from portal.celery import app
    from portal.core.notifications import creating

    # Celery reads CELERY_BROKER_URL from the environment before its own setting, and keeps a
    # pool of connections to the broker it first used: change both, start afresh.
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    creating.broker_pause_reset()


def wait_for(condition, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A throwaway redis-server that can be stopped and started again (empty each time)."""

    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError("redis-server is not installed: the broker tests cannot run")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_for(lambda: port_open(self.port), 10):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None
        wait_for(lambda: not port_open(self.port), 10)


class SmtpSink:
    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.out = folder / "received.txt"
        self.stall = folder / "stall"
        self.out.touch()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.notifications.smtp_sink", "--port", str(port),
             "--out", str(self.out), "--stall", str(self.stall)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout.readline().strip() == "ready"

    def received(self) -> Counter:
        """How many times each notification id arrived."""
        return Counter(int(line) for line in self.out.read_text().split())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class Worker:
    """`celery worker` (with its beat when asked) in its own process group, killable at once."""

    def __init__(
        self, *, broker: str, database: str, smtp_port: int, folder: Path,
        beat: bool = False, concurrency: int = 2, extra_env: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
            "CELERY_BROKER_URL": broker,
            "PONTE_WORKER_DB_NAME": database,
            "PONTE_WORKER_SMTP_PORT": str(smtp_port),
            "DJANGO_LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker", "--loglevel", "WARNING",
            "--concurrency", str(concurrency), "--without-gossip", "--without-mingle",
            "--hostname", f"ponte-test-{os.getpid()}-{time.monotonic_ns()}@localhost",
        ]  # fmt: skip
        if beat:
            command += ["--beat", "--schedule", str(folder / "beat-schedule")]
        self.log = open(folder / "worker.log", "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes, as when a machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if not self.log.closed:
            self.log.close()
