"""Decap CMS on this machine: where npm installed it, and running its local server.

`make admin` runs `npm ci`, which puts `decap-cms` (the editor, one prebuilt script plus lazily
loaded chunks) and `decap-server` (a small Node server that reads and writes the lexicon's files
for the editor) in `node_modules/`. This module finds them and starts `decap-server` on
loopback for `lexicon preview` and the end-to-end test; the configuration itself comes from
the pure `cms` module.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from .cms import DECAP_SCRIPT

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""The repository this package was installed from (editable installs, tests)."""


class DecapMissing(Exception):
    """Node.js or the npm packages are not installed (the message is Dutch and says how)."""


def find_node_modules(*starts: Path) -> Path | None:
    """The first `node_modules` with Decap in `starts`, their parents or this repository."""
    override = os.environ.get("LEXICON_NODE_MODULES")
    candidates: list[Path] = [Path(override)] if override else []
    for start in (*starts, PACKAGE_ROOT):
        start = start.resolve()
        candidates += [folder / "node_modules" for folder in (start, *start.parents)]
    for candidate in candidates:
        if (candidate / "decap-cms" / "dist" / "decap-cms.js").is_file():
            return candidate
    return None


def decap_files(node_modules: Path) -> dict[str, Path]:
    """Site path (under `admin/`) -> file, for Decap's script, its chunks and its licence."""
    dist = node_modules / "decap-cms" / "dist"
    folder = "admin/" + DECAP_SCRIPT.rsplit("/", 1)[0]
    files = {f"{folder}/{p.name}": p for p in sorted(dist.glob("*decap-cms.js"))}
    licence = node_modules / "decap-cms" / "LICENSE"
    if licence.is_file():
        files[f"{folder}/LICENSE.txt"] = licence
    return files


def server_script(node_modules: Path) -> Path:
    return node_modules / "decap-server" / "dist" / "index.js"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def start_server(
    repository: Path,
    port: int,
    starts: Iterable[Path] = (),
    *,
    log: Path | None = None,
    timeout: float = 20.0,
) -> subprocess.Popen[bytes]:
    """Start `decap-server` for `repository` on 127.0.0.1:`port`; wait until it listens.

    It runs in its file-system mode: saving in the editor writes `lemmas/<slug>.md` straight
    into `repository`, where `lexicon preview` picks it up. The caller stops the process.
    """
    node = shutil.which("node")
    if node is None:
        raise DecapMissing("Node.js ontbreekt: installeer het (bijvoorbeeld het Debian-pakket"
                           " 'nodejs') en voer 'make admin' uit")
    modules = find_node_modules(repository, *starts)
    if modules is None or not server_script(modules).is_file():
        raise DecapMissing("decap-server is niet geïnstalleerd: voer 'make admin' uit"
                           " (npm ci)")
    with socket.socket() as probe:
        # As Node does: a port that only lingers in TIME_WAIT counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise DecapMissing(f"poort {port} is al bezet: kies een andere met --editor-port"
                               ) from None
    env = {
        **os.environ,
        "PORT": str(port),
        # Without BIND_HOST decap-server listens on every interface: anyone on the network
        # could write into the repository.
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(repository.resolve()),
        "LOG_LEVEL": "warn",
    }
    output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [node, str(server_script(modules))], cwd=repository, env=env,
        stdout=output, stderr=subprocess.STDOUT)
    if log is not None:
        output.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DecapMissing(f"decap-server stopte meteen (exitcode {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise DecapMissing(f"decap-server luistert na {timeout:.0f} s nog niet op poort {port}")
