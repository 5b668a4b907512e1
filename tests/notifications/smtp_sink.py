"""A local SMTP server for tests and the benchmark: records which notifications arrived.

Run: `python -m tests.notifications.smtp_sink --port 2525 --out received.txt [--stall FLAG]`.
Each accepted message appends its X-Ponte-Notification id as one line of `--out`. While the
file `--stall` exists, the server stalls on RCPT TO (before any message content is sent), so a
test can kill the worker in the middle of an SMTP conversation.
"""

import argparse
import asyncio
import os
import re
import signal
import threading

from aiosmtpd.controller import Controller

HEADER = re.compile(rb"^X-Ponte-Notification: *(\d+)", re.MULTILINE)


class Sink:
    def __init__(self, out: str, stall: str | None) -> None:
        self.out = open(out, "a", buffering=1)  # noqa: SIM115 - open for the server's life
        self.stall = stall

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if self.stall and os.path.exists(self.stall):
            with open(self.stall + ".reached", "w") as flag:
                flag.write("stalled\n")
            while os.path.exists(self.stall):
                await asyncio.sleep(0.1)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        match = HEADER.search(envelope.content)
        self.out.write((match.group(1).decode() if match else "?") + "\n")
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stall")
    args = parser.parse_args()
    controller = Controller(Sink(args.out, args.stall), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
