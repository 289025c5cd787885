"""Where a development Elasticsearch started by ``marsad es`` runs: its state files, read only.

The runtime store client (marsad.store) asks this module for a local node's
URL when MARSAD_ES_URL is not set; installing, starting and stopping nodes is
marsad.esnode's job, which the runtime never imports.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from marsad import config


@dataclass
class NodeState:
    pid: int
    url: str
    version: str
    home: str

    def as_dict(self) -> dict:
        return {"pid": self.pid, "url": self.url, "version": self.version, "home": self.home}


def state_file(home: Path) -> Path:
    return home / "node.json"


def read_state(home: Path | None = None) -> NodeState | None:
    """Returns the recorded state of the local node if its process is alive, else None."""
    home = home or config.es_home()
    path = state_file(home)
    try:
        data = json.loads(path.read_text())
        state = NodeState(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not pid_alive(state.pid):
        return None
    return state


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); look at its state too.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def cluster_home() -> Path:
    """Returns the directory under which the local cluster's nodes live."""
    return config.es_home().parent / "cluster"


def cluster_states(home: Path | None = None) -> list[NodeState]:
    """Returns the running nodes of the local cluster."""
    home = home or cluster_home()
    if not home.is_dir():
        return []
    return [s for h in sorted(home.glob("node-*")) if (s := read_state(h))]


def local_url() -> str | None:
    """Returns the URL of the running local node, else of the local cluster, if any."""
    state = read_state()
    if state:
        return state.url
    nodes = cluster_states()
    return nodes[0].url if nodes else None
