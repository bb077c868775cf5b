"""Two real Syncthing daemons on 127.0.0.1 sharing one folder, for the end-to-end sync test.

Each daemon gets its own home made by ``syncthing generate``; its config is then set to
listen on a free loopback port, with global and local discovery, relays, NAT traversal,
usage reports, crash reports and upgrades off, and to know the other device at its
loopback address. Both share one folder that is rescanned every second. ``stop()`` ends
both daemons (the test's fixture always calls it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

FOLDER_ID = "scalp-sync-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def available() -> str | None:
    """None when the daemons can run here, else why not."""
    if shutil.which("syncthing") is None:
        return "syncthing is not installed (apt-get install -y syncthing)"
    return None


@dataclass
class Daemon:
    name: str
    home: Path
    folder: Path
    device_id: str = ""
    listen: int = 0
    gui: int = 0
    api_key: str = ""
    process: subprocess.Popen | None = None

    def generate(self) -> None:
        self.home.mkdir(parents=True)
        out = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder", "--skip-port-probing"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        found = re.search(r"Device ID:\s*([A-Z0-9-]{50,})", out.stdout + out.stderr)
        if not found:
            raise RuntimeError(f"syncthing generate named no device id: {out.stdout}{out.stderr}")
        self.device_id = found.group(1)
        self.listen, self.gui = free_port(), free_port()
        self.api_key = f"scalp-test-{self.name}-{os.getpid()}"

    def configure(self, peer: Daemon) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        gui.set("tls", "false")
        gui.find("address").text = f"127.0.0.1:{self.gui}"
        gui.find("apikey").text = self.api_key
        options = root.find("options")
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{self.listen}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "reconnectionIntervalS": "1",
            "restartOnWakeup": "false",
        }
        for tag, value in settings.items():
            element = options.find(tag)
            if element is None:
                element = ET.SubElement(options, tag)
            element.text = value
        for tag in ("globalAnnounceServer",):
            for element in options.findall(tag):
                options.remove(element)
        device = ET.SubElement(
            root,
            "device",
            {"id": peer.device_id, "name": peer.name, "compression": "metadata", "introducer": "false"},
        )
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.listen}"
        ET.SubElement(device, "autoAcceptFolders").text = "false"
        folder = ET.Element(
            "folder",
            {
                "id": FOLDER_ID,
                "label": "scalp",
                "path": str(self.folder),
                "type": "sendreceive",
                "rescanIntervalS": "1",
                "fsWatcherEnabled": "true",
                "fsWatcherDelayS": "1",
            },
        )
        ET.SubElement(folder, "device", {"id": self.device_id})
        ET.SubElement(folder, "device", {"id": peer.device_id})
        root.insert(0, folder)
        tree.write(path)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "STNODEFAULTFOLDER": "1",
            "HOME": str(self.home),
        }
        log = (self.home / "daemon.log").open("wb")
        self.process = subprocess.Popen(
            [
                "syncthing",
                "serve",
                f"--home={self.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                f"--logfile={self.home / 'syncthing.log'}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )

    def rest(self, path: str):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui}{path}", headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def connected_to(self, peer: Daemon) -> bool:
        try:
            return bool(self.rest("/rest/system/connections")["connections"][peer.device_id]["connected"])
        except (OSError, KeyError, ValueError):
            return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def log_tail(self) -> str:
        for name in ("syncthing.log", "daemon.log"):
            path = self.home / name
            if path.exists():
                return path.read_text(errors="replace")[-3000:]
        return ""


class Pair:
    """Two daemons, each the other's only peer, sharing one folder."""

    def __init__(self, root: Path) -> None:
        self.a = Daemon("left", root / "home-a", root / "share-a")
        self.b = Daemon("right", root / "home-b", root / "share-b")

    def start(self, timeout: float = 60.0) -> None:
        self.a.generate()
        self.b.generate()
        self.a.configure(self.b)
        self.b.configure(self.a)
        self.a.start()
        self.b.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.a.connected_to(self.b) and self.b.connected_to(self.a):
                return
            for daemon in (self.a, self.b):
                if daemon.process.poll() is not None:
                    raise RuntimeError(f"syncthing {daemon.name} exited:\n{daemon.log_tail()}")
            time.sleep(0.5)
        raise TimeoutError(f"the two daemons did not connect in {timeout:.0f} s:\n{self.a.log_tail()}")

    def stop(self) -> None:
        self.a.stop()
        self.b.stop()


def wait_for(condition, timeout: float, what: str, interval: float = 0.5):
    """Poll ``condition`` until it returns something true; TimeoutError naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)
