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

NETWORK_ATTEMPTS: list[str] = []


class NetworkBlocked(OSError):
    pass


def _blocked(kind: str, sock, address) -> None:
    family = getattr(sock, "family", None)
    if family == getattr(_socket, "AF_UNIX", object()):
        return
    NETWORK_ATTEMPTS.append(f"{kind} {address!r}")
    raise NetworkBlocked(f"network access attempted in a test: {kind} {address!r}")


_real_connect, _real_connect_ex, _real_sendto = (_socket.socket.connect, _socket.socket.connect_ex,
                                                 _socket.socket.sendto)


def _guard_connect(self, address):
    _blocked("connect", self, address)
    return _real_connect(self, address)


def _guard_connect_ex(self, address):
    _blocked("connect_ex", self, address)
    return _real_connect_ex(self, address)


def _guard_sendto(self, data, *args):
    _blocked("sendto", self, args[-1] if args else None)
    return _real_sendto(self, data, *args)


def _guard_getaddrinfo(host, *args, **kw):
    NETWORK_ATTEMPTS.append(f"getaddrinfo {host!r}")
    raise NetworkBlocked(f"name lookup attempted in a test: {host!r}")


_socket.socket.connect = _guard_connect
_socket.socket.connect_ex = _guard_connect_ex
_socket.socket.sendto = _guard_sendto
_socket.getaddrinfo = _guard_getaddrinfo


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
