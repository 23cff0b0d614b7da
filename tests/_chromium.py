"""Drive headless Chromium over the DevTools protocol on a pipe, with the standard library only.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands from its fd 3 and
writes responses and events to its fd 4, each message JSON ended by a NUL byte.  ``Chromium``
starts the browser with a fresh profile, sends commands, collects every event, and kills the
whole process group when closed, so that a hung browser cannot outlive the test.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

__all__ = ["CHROMIUM", "Chromium", "ChromiumError"]

#: Debian's Chromium.
CHROMIUM = Path("/usr/bin/chromium")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)

_TRAMPOLINE = (
    "import os, sys\n"
    "for fd, target in ((int(sys.argv[1]), 3), (int(sys.argv[2]), 4)):\n"
    "    os.dup2(fd, target)\n"
    "    os.close(fd)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)

#: Below this, file descriptors may be needed as fd 3 and 4 in the child: keep ours above it.
_FD_FLOOR = 10


class ChromiumError(RuntimeError):
    """The browser failed, answered with an error, or did not answer in time."""


def _high_fd(fd: int) -> int:
    """A duplicate of *fd* numbered 10 or more (the original is closed)."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _FD_FLOOR)
    os.close(fd)
    return high


class Chromium:
    """A headless Chromium and its protocol pipe; use as a context manager.

    Every message Chromium sends is kept in :attr:`events` (responses too), in order, so a test
    can look back at everything that happened, e.g. every ``Network.requestWillBeSent``.
    """

    def __init__(self, executable: Path = CHROMIUM, *, timeout: float = 30.0) -> None:
        self.executable = executable
        #: Seconds any single wait may take.
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._buffer = b""
        self._profile = tempfile.TemporaryDirectory(prefix="govplan-chromium-")
        #: Chromium's stderr, quoted when it dies.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._process: subprocess.Popen[bytes] | None = None
        self._to_browser = -1
        self._from_browser = -1
        self._selector = selectors.DefaultSelector()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the browser; its fd 3 and 4 are the two ends of our pipes."""
        commands_read, commands_write = (_high_fd(fd) for fd in os.pipe())
        messages_read, messages_write = (_high_fd(fd) for fd in os.pipe())
        # A small Python trampoline moves the pipe ends to fd 3 and 4, then becomes Chromium.
        # (sh cannot: dash refuses fd numbers above 9.)
        argv = [
            sys.executable,
            "-c",
            _TRAMPOLINE,
            str(commands_read),
            str(messages_write),
            str(self.executable),
            *FLAGS,
            f"--user-data-dir={self._profile.name}",
            "about:blank",
        ]
        try:
            self._process = subprocess.Popen(  # noqa: S603 - fixed arguments, no user input
                argv,
                pass_fds=(commands_read, messages_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                start_new_session=True,
            )
        finally:
            os.close(commands_read)
            os.close(messages_write)
        self._to_browser = commands_write
        self._from_browser = messages_read
        os.set_blocking(self._from_browser, False)
        self._selector.register(self._from_browser, selectors.EVENT_READ)

    def close(self) -> None:
        """Ask the browser to quit, then kill its process group; remove the profile."""
        process = self._process
        if process is not None:
            if process.poll() is None:
                with contextlib.suppress(ChromiumError, OSError):
                    self.send("Browser.close", timeout=5)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=5)
            # Renderer and helper processes share the group Chromium leads: end them all.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            self._process = None
        if self._from_browser >= 0:
            self._selector.unregister(self._from_browser)
        for fd in (self._to_browser, self._from_browser):
            if fd >= 0:
                os.close(fd)
        self._to_browser = self._from_browser = -1
        self._selector.close()
        self._log.close()
        self._profile.cleanup()

    # -- protocol ---------------------------------------------------------------------------

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Send one command and return its ``result``; raise ChromiumError on an error reply."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_browser, data) :]
        wanted = self._next_id
        reply = self._wait(lambda m: m.get("id") == wanted, timeout, f"reply to {method}")
        if "error" in reply:
            raise ChromiumError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait_event(
        self,
        method: str,
        *,
        session: str | None = None,
        since: int = 0,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """The params of the first event *method* (of *session*) from ``events[since]`` on.

        Waits for it when it has not come yet.
        """

        def match(message: dict[str, Any]) -> bool:
            return message.get("method") == method and (
                session is None or message.get("sessionId") == session
            )

        event = self._wait(match, timeout, method, since=since)
        params: dict[str, Any] = event.get("params", {})
        return params

    def evaluate(self, expression: str, *, session: str) -> Any:
        """Evaluate *expression* in the page and return its value (JSON-serialisable)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
        )
        if "exceptionDetails" in result:
            raise ChromiumError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, session: str, full_page: bool = False) -> bytes:
        """A PNG of the viewport (or of the whole page with *full_page*)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
        return base64.b64decode(
            self.send("Page.captureScreenshot", params, session=session)["data"]
        )

    def messages(self, method: str, *, session: str | None = None) -> list[dict[str, Any]]:
        """The params of every event *method* received so far (of *session*)."""
        return [
            m.get("params", {})
            for m in self.events
            if m.get("method") == method and (session is None or m.get("sessionId") == session)
        ]

    # -- reading ----------------------------------------------------------------------------

    def _wait(
        self,
        match: Any,
        timeout: float | None,
        what: str,
        *,
        since: int | None = None,
    ) -> dict[str, Any]:
        if since is not None:
            for message in self.events[since:]:
                if match(message):
                    return message
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            for message in self._read(deadline, what):
                if match(message):
                    return message

    def _stderr_tail(self, size: int = 2000) -> str:
        self._log.seek(0, os.SEEK_END)
        self._log.seek(max(0, self._log.tell() - size))
        return self._log.read().decode(errors="replace")

    def _read(self, deadline: float, what: str) -> list[dict[str, Any]]:
        """Read what is available (waiting until *deadline*), record and return the messages."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not self._selector.select(remaining):
            raise ChromiumError(f"no {what} from Chromium within the time limit")
        try:
            chunk = os.read(self._from_browser, 1 << 20)
        except BlockingIOError:
            return []
        if not chunk:
            raise ChromiumError(
                f"Chromium closed the pipe while waiting for {what}; its stderr ends:\n"
                + self._stderr_tail()
            )
        self._buffer += chunk
        *complete, self._buffer = self._buffer.split(b"\0")
        found = [json.loads(raw) for raw in complete if raw]
        self.events.extend(found)
        return found
