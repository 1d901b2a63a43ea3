"""The folder watcher with real files written the ways drop folders see them: slowly in
chunks (an FTP server writing in place), under a temporary name then renamed (WinSCP's
.filepart, browsers' .part), dropped while nothing watched, dropped twice, and broken.

Each test runs the watcher on a thread against a real SQLite archive and waits for its
events; the waits are generous because this machine is shared (no timing is asserted).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive.handle import Archive
from archive.ingest.batch import IngestSettings, WatchEvent
from archive.ingest.presets import Preset
from archive.ingest.watcher import FolderWatcher
from archive.services.photos import PhotoService
from tests.factories import Agency, embed, jpeg_bytes

WAIT = 60.0


class Running:
    def __init__(self, watcher: FolderWatcher, events: list[WatchEvent]) -> None:
        self.watcher = watcher
        self.events = events

    def kinds(self, kind: str) -> list[WatchEvent]:
        return [e for e in self.events if e.kind == kind]

    def wait(self, done: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if done():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; events: {self.events}")


@pytest.fixture
def arc(tmp_path: Path) -> Iterator[Archive]:
    archive = Archive.open(tmp_path / "archive")
    try:
        yield archive
    finally:
        archive.close()


def start(
    archive: Archive, drop: Path, polling: bool = False, settings: IngestSettings | None = None
) -> tuple[Running, threading.Thread]:
    events: list[WatchEvent] = []
    watcher = FolderWatcher(
        archive, [drop], settings, events.append, quiet=0.5, polling=polling, poll_interval=0.2
    )
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    running = Running(watcher, events)
    running.wait(lambda: bool(running.kinds("caught-up")), "the catch-up")
    return running, thread


def stop(running: Running, thread: threading.Thread) -> None:
    running.watcher.stop()
    thread.join(WAIT)
    assert not thread.is_alive()
    assert running.kinds("stopped")


def picture(seed: int, caption: str = "Guests arrive at the premiere") -> bytes:
    return embed(jpeg_bytes((640, 480), seed=seed), Agency(caption=caption, credit="PA"))


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
def test_a_file_written_slowly_in_chunks_is_ingested_once_whole(
    arc: Archive, tmp_path: Path, polling: bool
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    running, thread = start(arc, drop, polling=polling)
    try:
        data = picture(11)
        step = len(data) // 5 + 1
        with open(drop / "slow.jpg", "wb") as fh:  # written in place, like an FTP server
            for i in range(0, len(data), step):
                fh.write(data[i : i + step])
                fh.flush()
                time.sleep(0.25)
        running.wait(lambda: bool(running.kinds("ingested")), "the slow file")
        time.sleep(1.0)  # anything else it would (wrongly) do has time to happen
    finally:
        stop(running, thread)
    assert [e.path for e in running.kinds("ingested")] == [str(drop / "slow.jpg")]
    assert running.kinds("failed") == []
    [photo] = PhotoService(arc.sessions).details([running.kinds("ingested")[0].photo_id or 0])
    import hashlib

    assert photo["sha256"] == hashlib.sha256(data).hexdigest()  # the whole file, not a part


def test_temporary_names_wait_for_the_rename(arc: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    running, thread = start(arc, drop)
    try:
        for name in ("a.jpg.filepart", "b.jpg.part", "c.jpg~"):
            (drop / name).write_bytes(picture(hash(name) % 1000))
        time.sleep(2.0)  # four times the settle time: still nothing may be ingested
        assert running.kinds("ingested") == [] and running.kinds("failed") == []
        os.rename(drop / "a.jpg.filepart", drop / "a.jpg")
        os.rename(drop / "b.jpg.part", drop / "b.jpg")
        running.wait(lambda: len(running.kinds("ingested")) == 2, "the renamed files")
    finally:
        stop(running, thread)
    assert sorted(Path(e.path or "").name for e in running.kinds("ingested")) == ["a.jpg", "b.jpg"]


def test_catch_up_after_a_stop_never_imports_twice(arc: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "sub").mkdir()
    (drop / "early.jpg").write_bytes(picture(21))
    (drop / "sub" / "nested.jpg").write_bytes(picture(22))
    running, thread = start(arc, drop)
    try:
        assert running.kinds("caught-up")[0].detail["queued"] == 2
        running.wait(lambda: len(running.kinds("ingested")) == 2, "the files dropped earlier")
    finally:
        stop(running, thread)
    # Dropped while nothing watched: one new file; the two old ones are known already.
    (drop / "while-stopped.jpg").write_bytes(picture(23))
    again, thread = start(arc, drop)
    try:
        assert again.kinds("caught-up")[0].detail["queued"] == 1
        again.wait(lambda: bool(again.kinds("ingested")), "the file dropped while stopped")
        time.sleep(1.0)
    finally:
        stop(again, thread)
    assert [Path(e.path or "").name for e in again.kinds("ingested")] == ["while-stopped.jpg"]
    assert again.kinds("duplicate") == []
    assert PhotoService(arc.sessions).count() == 3


def test_the_same_picture_dropped_twice_is_one_photo(arc: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    running, thread = start(arc, drop)
    try:
        data = picture(31)
        (drop / "first.jpg").write_bytes(data)
        running.wait(lambda: bool(running.kinds("ingested")), "the first drop")
        (drop / "resent-by-ftp.jpg").write_bytes(data)
        running.wait(lambda: bool(running.kinds("duplicate")), "the second drop")
    finally:
        stop(running, thread)
    assert running.kinds("duplicate")[0].photo_id == running.kinds("ingested")[0].photo_id
    assert PhotoService(arc.sessions).count() == 1


def test_a_broken_file_is_one_failure_and_the_watcher_goes_on(arc: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    preset = Preset(name="p", fields={"alt_text": "A guest", "city": "London"}, mode="always")
    running, thread = start(arc, drop, settings=IngestSettings(preset=preset))
    try:
        (drop / "broken.jpg").write_bytes(b"this is not a picture")
        (drop / "truncated.jpg").write_bytes(picture(41)[:3000])
        running.wait(lambda: len(running.kinds("failed")) == 2, "two failures")
        (drop / "good.jpg").write_bytes(picture(42))
        running.wait(lambda: bool(running.kinds("ingested")), "the good file after them")
    finally:
        stop(running, thread)
    failed = {Path(e.path or "").name: e.error for e in running.kinds("failed")}
    assert set(failed) == {"broken.jpg", "truncated.jpg"}
    assert all(failed.values())
    ingested = running.kinds("ingested")[0]
    assert ingested.status in ("clear", "warning", "blocked")  # checked as it arrived
    detail = PhotoService(arc.sessions).detail(ingested.photo_id or 0)
    assert (detail["alt_text"], detail["city"]) == ("A guest", "London")  # preset applied
    assert detail["check"] is not None
    assert running.watcher.status.failed == 2 and running.watcher.status.ingested == 1


def test_cli_watch_prints_json_lines_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.jpg").write_bytes(picture(51))
    env = {**os.environ, "CREDITDESK_ARCHIVE": str(tmp_path / "archive")}
    proc = subprocess.Popen(
        [sys.executable, "main.py", "watch", str(drop), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert proc.stdout is not None
    lines: list[dict] = []  # type: ignore[type-arg]
    end = time.monotonic() + WAIT
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(json.loads(line))
        if lines[-1]["event"] == "ingested":
            break
    proc.send_signal(signal.SIGTERM)
    rest, err = proc.communicate(timeout=WAIT)
    lines += [json.loads(x) for x in rest.splitlines() if x.strip()]
    assert proc.returncode == 0, err
    kinds = [x["event"] for x in lines]
    assert kinds[0] == "started" and "ingested" in kinds and kinds[-1] == "stopped"
