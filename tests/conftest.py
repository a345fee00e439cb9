import os
import shutil
from pathlib import Path

import pytest

# Qt runs without a screen in tests; the GUI never opens a real window here.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SEED = SAMPLES / "seed-2020-yanchi.nianbao"
SAMPLE_2021 = SAMPLES / "sample-2025.nianbao"


@pytest.fixture
def seed_path(tmp_path) -> Path:
    """A writable copy of the seed sample (2020 report, 2019 format)."""
    return Path(shutil.copy(SEED, tmp_path / SEED.name))


@pytest.fixture
def sample2021_path(tmp_path) -> Path:
    """A writable copy of the invented 2021-format sample."""
    return Path(shutil.copy(SAMPLE_2021, tmp_path / SAMPLE_2021.name))


# ---- no network (issue 12) ---------------------------------------------------------------------------
# The program never touches the network, so the suite runs with outbound connections blocked in this
# process: any attempt fails the test that made it, even if the code under test swallowed the error.
# AF_UNIX stays allowed (local IPC); loopback is not needed by anything in-process. Chromium and
# LibreOffice run as subprocesses and are started with their own no-network flags.
import socket as _socket  # noqa: E402


class NetworkBlocked(OSError):
    pass


def _install_guard() -> dict:
    """Patch the socket module once per process (this file is imported both as `conftest` and as
    `tests.conftest`); both copies share the one record of attempts."""
    state = getattr(_socket, "_nianbao_no_network", None)
    if state is not None:
        return state
    state = {"attempts": [], "error": NetworkBlocked}
    real_connect, real_connect_ex, real_sendto = (_socket.socket.connect, _socket.socket.connect_ex,
                                                  _socket.socket.sendto)

    def blocked(kind: str, sock, address) -> None:
        if getattr(sock, "family", None) == getattr(_socket, "AF_UNIX", object()):
            return
        state["attempts"].append(f"{kind} {address!r}")
        raise state["error"](f"network access attempted in a test: {kind} {address!r}")

    def connect(self, address):
        blocked("connect", self, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        blocked("connect_ex", self, address)
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        blocked("sendto", self, args[-1] if args else None)
        return real_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kw):
        state["attempts"].append(f"getaddrinfo {host!r}")
        raise state["error"](f"name lookup attempted in a test: {host!r}")

    _socket.socket.connect = connect
    _socket.socket.connect_ex = connect_ex
    _socket.socket.sendto = sendto
    _socket.getaddrinfo = getaddrinfo
    _socket._nianbao_no_network = state
    return state


_GUARD = _install_guard()
NETWORK_ATTEMPTS: list[str] = _GUARD["attempts"]
NetworkBlocked = _GUARD["error"]  # noqa: F811 - the class of the first import, shared by both copies


@pytest.fixture(autouse=True)
def _no_network_attempts():
    NETWORK_ATTEMPTS.clear()
    yield
    attempts = list(NETWORK_ATTEMPTS)
    NETWORK_ATTEMPTS.clear()
    assert not attempts, f"the code under test tried to use the network: {attempts}"


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test():
    """Qt's offscreen platform frees clipboard data twice at interpreter exit (the process then ends in a
    segmentation fault after every test passed; xcb and Windows do not). Leave the clipboard empty."""
    yield
    import sys

    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """The window's settings and recovery copies live in the test's tmp_path, never in the user's folders."""
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NIANBAO_SETTINGS_DIR", str(tmp_path / "settings"))


@pytest.fixture
def dlg(monkeypatch):
    """Scripted answers to every dialog of app.gui.dialogs (tests/gui_helpers.py)."""
    from gui_helpers import Dialogs

    return Dialogs(monkeypatch)
