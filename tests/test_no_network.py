"""The socket guard of conftest.py really blocks outbound connections (and lets local IPC through)."""

from __future__ import annotations

import socket

import conftest
import pytest


def test_outbound_connection_is_blocked_and_recorded():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(conftest.NetworkBlocked):
            s.connect(("203.0.113.7", 80))
        with pytest.raises(conftest.NetworkBlocked):
            socket.create_connection(("example.org", 443), timeout=1)
    finally:
        s.close()
    assert len(conftest.NETWORK_ATTEMPTS) == 2
    conftest.NETWORK_ATTEMPTS.clear()  # expected here; any other test doing this fails


def test_udp_and_loopback_are_blocked_too():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        with pytest.raises(conftest.NetworkBlocked):
            s.sendto(b"x", ("127.0.0.1", 53))
    finally:
        s.close()
    conftest.NETWORK_ATTEMPTS.clear()


def test_local_ipc_still_works():
    a, b = socket.socketpair(socket.AF_UNIX)
    with a, b:
        a.sendall(b"ok")
        assert b.recv(2) == b"ok"
