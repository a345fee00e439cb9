"""Fault injection at every step of a save, a really full disk, and saves from several processes at once
(issue 12). After any failure: the draft and its older backup exactly as they were, no temporary file
left, a Chinese message naming the file. After a success: the new draft in place, the replaced version as
the backup.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from core_helpers import zero_draft
from fuzz_corpus import full_run

import app.storage as storage
from app.errors import DraftError
from app.storage import backup_path, load_draft, save_draft

CJK = re.compile(r"[\u4e00-\u9fff]")
HOOKED = ("open", "write", "fsync", "close", "replace", "chmod", "scandir", "unlink")
ERRNOS = (errno.EIO, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS, errno.ENAMETOOLONG)


class Recorder:
    """Wraps the os calls of a save; records them, and makes the `fail_at`-th one raise."""

    def __init__(self, fail_at: int | None = None, code: int = errno.EIO):
        self.calls: list[str] = []
        self.fail_at = fail_at
        self.code = code
        self.real = {name: getattr(os, name) for name in HOOKED}
        self.real_open = open

    def _wrap(self, name, real):
        def call(*args, **kw):
            self.calls.append(name)
            if len(self.calls) - 1 == self.fail_at:
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kw)
        return call

    @contextmanager
    def active(self, monkeypatch):
        for name, real in self.real.items():
            monkeypatch.setattr(os, name, self._wrap(name, real))
        monkeypatch.setattr(storage, "open", self._wrap("read-old", self.real_open), raising=False)
        try:
            yield self
        finally:
            monkeypatch.undo()


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _prepared(folder: Path) -> tuple[Path, bytes, bytes]:
    path = folder / "年报.nianbao"
    d = zero_draft("2021")
    d.agency = "第一版"
    save_draft(d, path)
    d.agency = "第二版"
    save_draft(d, path)
    return path, path.read_bytes(), backup_path(path).read_bytes()


def _third() :
    d = zero_draft("2021")
    d.agency = "第三版"
    return d


def test_every_step_of_a_save_failing(tmp_path, monkeypatch):
    """Record the os calls of a save, then fail each one in turn with each errno."""
    probe = tmp_path / "probe"
    probe.mkdir()
    path, _, _ = _prepared(probe)
    with Recorder().active(monkeypatch) as rec:
        save_draft(_third(), path)
    steps = rec.calls
    assert {"open", "write", "fsync", "close", "replace", "read-old"} <= set(steps), steps
    failed = succeeded = 0
    for k, step in enumerate(steps):
        for code in ERRNOS:
            folder = tmp_path / f"{k}-{code}"
            folder.mkdir()
            path, current, older = _prepared(folder)
            try:
                with Recorder(fail_at=k, code=code).active(monkeypatch):
                    save_draft(_third(), path)
            except DraftError as e:
                failed += 1
                msg = e.message
                assert CJK.search(msg) and path.name in msg, (step, msg)
                assert not re.search(r"[A-Za-z]{3,}", msg.replace(str(path), "")), (step, msg)
                assert _state(folder) == {path.name: current, backup_path(path).name: older}, (k, step, code)
            else:
                succeeded += 1  # a failure after the new file was in place (backup, folder sync, cleanup)
                state = _state(folder)
                assert load_draft(path).agency == "第三版", (k, step)
                assert state[backup_path(path).name] in (current, older), (k, step)
                assert set(state) == {path.name, backup_path(path).name}, (k, step, set(state))
    assert failed > 0 and succeeded > 0
    print(f"\n{len(steps)} steps × {len(ERRNOS)} errnos: {failed} refused cleanly, {succeeded} saved")


def test_backup_failing_keeps_older_backup(tmp_path, monkeypatch):
    path, current, older = _prepared(tmp_path)
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith(".bak"):
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    save_draft(_third(), path)
    monkeypatch.undo()
    assert load_draft(path).agency == "第三版"
    assert backup_path(path).read_bytes() == older
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup_path(path).name])


@pytest.fixture
def small_disk(tmp_path):
    """A really full disk: a 256 KB tmpfs (needs root; elsewhere the injected ENOSPC above covers it)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"this machine does not allow mounting tmpfs: {r.stderr.decode(errors='replace')}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system until fewer than `leave` bytes are free."""
    with open(folder / "filler", "wb") as f:
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if free <= leave:
                break
            try:
                f.write(b"\0" * min(4096, max(1, free - leave)))
                f.flush()
            except OSError:
                break


@pytest.mark.parametrize("leave", [0, 4096, 40_000])
def test_really_full_disk(small_disk, leave):
    path, current, older = _prepared(small_disk)
    _fill(small_disk, leave)
    big = _third()
    big.preamble = "很长的导语。" * 30_000  # 540 KB: far more than is left
    with pytest.raises(DraftError) as e:
        save_draft(big, path)
    assert "磁盘已满" in e.value.message and path.name in e.value.message
    files = _state(small_disk)
    assert files.pop("filler") is not None
    assert files == {path.name: current, backup_path(path).name: older}
    (small_disk / "filler").unlink()
    save_draft(big, path)  # with room again, it saves
    assert load_draft(path).preamble == big.preamble


def test_full_disk_with_room_for_the_file_but_not_the_backup(small_disk):
    path, current, older = _prepared(small_disk)
    _fill(small_disk, len(current) + 6000)
    try:
        save_draft(_third(), path)
    except DraftError as e:
        assert "磁盘已满" in e.message
        assert path.read_bytes() == current and backup_path(path).read_bytes() == older
    else:
        assert load_draft(path).agency == "第三版"
    assert not [p for p in small_disk.iterdir() if p.name.endswith(storage.TEMP_SUFFIX)]


@pytest.fixture
def vfat_stick(tmp_path):
    """A real FAT file system (a USB stick's), loop-mounted: no Unix permissions, chmod fails."""
    if os.geteuid() != 0 or not shutil.which("mkfs.vfat"):
        pytest.skip("needs root and mkfs.vfat (dosfstools)")
    if "vfat" not in Path("/proc/filesystems").read_text():
        pytest.skip("this kernel has no vfat driver loaded (containers usually cannot load it)")
    image = tmp_path / "stick.img"
    image.write_bytes(b"\0" * 4 * 1024 * 1024)
    subprocess.run(["mkfs.vfat", str(image)], check=True, capture_output=True)
    mnt = tmp_path / "stick"
    mnt.mkdir()
    r = subprocess.run(["mount", "-o", "loop", str(image), str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"loop mount refused: {r.stderr.decode(errors='replace')}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_saving_on_a_real_fat_stick(vfat_stick):
    path, current, _ = _prepared(vfat_stick)
    save_draft(_third(), path)
    assert load_draft(path).agency == "第三版"
    assert backup_path(path).read_bytes() == current


# ---- several processes at once ------------------------------------------------------------------

def _saver(path: str, n: int, rounds: int, queue) -> None:
    from core_helpers import zero_draft as make

    from app.storage import save_draft as save

    d = make("2021")
    d.agency = f"进程{n}"
    errors = []
    for _ in range(rounds):
        try:
            save(d, path)
        except Exception as e:  # noqa: BLE001 - reported to the test
            errors.append(repr(e))
    queue.put(errors)


def _reader(path: str, rounds: int, queue) -> None:
    from app.storage import load_draft as load

    errors = []
    for _ in range(rounds):
        try:
            load(path)
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
    queue.put(errors)


def test_processes_saving_and_reading_at_once(tmp_path):
    """Four processes saving the same draft and two reading it: no save fails, no reader ever sees half
    a file, and nothing is left behind."""
    path = tmp_path / "共享.nianbao"
    save_draft(zero_draft("2021"), path)
    rounds = 200 if full_run() else 40
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_saver, args=(str(path), n, rounds, queue)) for n in range(4)]
    procs += [ctx.Process(target=_reader, args=(str(path), rounds * 2, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results == [[]] * len(procs)
    assert load_draft(path).agency.startswith("进程")
    assert load_draft(backup_path(path)).agency.startswith("进程")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup_path(path).name])
