"""Drive the built desktop bundle as a photo editor's machine would: no Python, no checkout.

    .venv/bin/python bundle/bundle_test.py dist/Creditdesk      (make bundle-test)

On a fresh home and data folder, with only the system's PATH: start the bundled app
offscreen five times (cold, a new process each; the first creates the archive in the user's
data folder), import the bundled sample with the bundled CLI, apply the proposed credits,
check, export, and read the export back with exiftool. Then look inside: no test files, no
virtualenv paths, no absolute path of the build machine, nothing written beside the program.
Last line: ``bundle size_mb=… start_ms=… start_max_ms=…`` (start: launch → window painted).
Exits non-zero, naming what failed, when anything does.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTS = 5


class BundleError(Exception):
    pass


def fresh_env(home: Path) -> dict[str, str]:
    """A user who never ran Creditdesk, and no Python of ours on the PATH."""
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    if "CREDITDESK_PDF_FONT" in os.environ:
        env["CREDITDESK_PDF_FONT"] = os.environ["CREDITDESK_PDF_FONT"]
    return env


def run(program: Path, args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [str(program), *args], env=env, capture_output=True, text=True, timeout=300, cwd="/"
    )
    if done.returncode not in ok:
        raise BundleError(
            f"{program.name} {' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}"
        )
    return done.stdout


def cold_start(program: Path, env: dict[str, str]) -> float:
    """Milliseconds from launching the program to its window painted (--smoke-test)."""
    launched = time.perf_counter()
    out = run(program, ["--smoke-test"], env)
    elapsed = (time.perf_counter() - launched) * 1000
    if "painted" not in out:
        raise BundleError(f"the window did not paint: {out!r}")
    return elapsed


def snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


def hygiene(folder: Path, program: Path) -> list[str]:
    """What must not be in a bundle handed to a desk."""
    problems = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        name = path.name
        if (name.startswith("test_") and name.endswith(".py")) or name == "conftest.py":
            problems.append(f"test file in the bundle: {rel}")
        if "/tests/" in f"/{rel}/" and "/archive/" not in f"/{rel}":
            problems.append(f"tests folder in the bundle: {rel}")
    build_root = str(ROOT).encode()
    for path in [program, *folder.rglob("*.py"), *folder.rglob("*.toml"), *folder.rglob("*.txt")]:
        if path.is_file():
            data = path.read_bytes()
            if build_root in data:
                problems.append(f"build machine path {ROOT} inside {path.relative_to(folder)}")
            if b"/.venv/" in data:
                problems.append(f"a virtualenv path inside {path.relative_to(folder)}")
    problems += _frozen_module_paths(program)
    return problems


def _frozen_module_paths(program: Path) -> list[str]:
    """The frozen modules' file names must be relative (tracebacks on a desk's machine
    must not name the build machine)."""
    from PyInstaller.archive.readers import CArchiveReader

    reader = CArchiveReader(str(program))
    name = next((n for n in reader.toc if n.endswith(".pyz")), None)
    if name is None:
        return ["no module archive in the program"]
    pyz = reader.open_embedded_archive(name)
    bad = []
    for module in pyz.toc:
        if not module.startswith(("archive", "gui", "resources")):
            continue
        code = pyz.extract(module)
        filename = getattr(code, "co_filename", "")
        if filename.startswith("/") or ".venv" in filename:
            bad.append(f"module {module} carries the path {filename}")
    if not any(m.startswith("archive.") for m in pyz.toc):
        bad.append("the archive package is not in the program")
    return bad


def exiftool_credit(path: Path) -> str | None:
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-XMP-photoshop:Credit", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    row = json.loads(out)[0]
    return row.get("XMP-photoshop:Credit")  # IIM's copy may be cut at 32 bytes, as warned


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "Creditdesk").resolve()
    program = folder / ("Creditdesk.exe" if sys.platform == "win32" else "Creditdesk")
    if not program.is_file():
        print(f"bundle-test: no bundle at {folder} (run make bundle)", file=sys.stderr)
        return 2
    before = snapshot(folder)
    # Qt's libraries are symlinked inside the bundle: count each file once.
    size_mb = (
        sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        / 1e6
    )
    try:
        with tempfile.TemporaryDirectory(prefix="creditdesk-bundle-") as tmp:
            home = Path(tmp) / "home"
            home.mkdir()
            env = fresh_env(home)
            version = run(program, ["--version"], env).strip()
            print(f"version: {version}")
            starts = [cold_start(program, env) for _ in range(STARTS)]
            archive = home / ".local" / "share" / "Creditdesk" / "archive"
            if not (archive / "catalog.sqlite").is_file():
                raise BundleError(f"the app made no archive in the user's data folder {archive}")
            sample = folder / "_internal" / "resources" / "sample"
            result = json.loads(run(program, ["import", str(sample), "--json"], env))
            if result["imported"] != 12 or result["failed"]:
                raise BundleError(f"import of the bundled sample: {result}")
            ids = ",".join(map(str, result["photo_ids"]))
            # What a desk does first: apply the credit engine's proposed lines, write alt text.
            run(program, ["--cli", "credit", "fix", ids, "--json"], env)
            run(program, ["edit", ids, "--alt-text", "A guest at the premiere"], env)
            report = json.loads(run(program, ["check", ids, "--json"], env, ok=(0, 1, 3)))
            statuses = [p["status"] for p in report["photos"]]
            print(f"check: {len(statuses)} photos, {statuses.count('blocked')} blocked")
            out = Path(tmp) / "export"
            run(program, ["export", ids, "--to", str(out), "--skip-blocked"], env)
            files = sorted(out.rglob("*.jpg"))
            if not files:
                raise BundleError("the export wrote no picture")
            manifest = json.loads(next(out.rglob("manifest.json")).read_text(encoding="utf-8"))
            shown = {}
            for photo_id in {int(f.stem.rsplit("_id", 1)[1]) for f in files}:
                shown[photo_id] = json.loads(run(program, ["show", str(photo_id), "--json"], env))
            for f in files:
                photo_id = int(f.stem.rsplit("_id", 1)[1])
                credit = exiftool_credit(f)
                if credit != shown[photo_id]["credit_line"]:
                    raise BundleError(f"{f.name}: exiftool reads credit {credit!r}")
            print(f"exported {len(files)} pictures, credits read back by exiftool")
            del manifest
        problems = hygiene(folder, program)
        if snapshot(folder) != before:
            problems.append("the bundle's folder changed while it ran (it must write only to "
                            "the user's data folder)")  # fmt: skip
        if problems:
            raise BundleError("\n".join(problems))
    except BundleError as exc:
        print(f"bundle-test: FAILED: {exc}", file=sys.stderr)
        return 1
    print(
        f"cold starts (ms): {', '.join(f'{s:.0f}' for s in starts)}; "
        f"median {statistics.median(starts):.0f}, max {max(starts):.0f}"
    )
    print(
        f"bundle size_mb={size_mb:.0f} start_ms={statistics.median(starts):.0f} "
        f"start_max_ms={max(starts):.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
