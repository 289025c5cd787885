"""A local single-node Elasticsearch: fetched from Maven Central, verified, started and stopped.

The integ-test-zip distribution is used because it is the only Elasticsearch
build published to a package registry. It carries no JDK, so a machine JDK
(Java 21+ for Elasticsearch 9) is located and passed through ``ES_JAVA_HOME``.
Elasticsearch refuses to run as root; when Marsad runs as root the node runs as
an unprivileged system user that owns the node directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from marsad import config
from marsad.localnode import NodeState, cluster_home, cluster_states, pid_alive, read_state, state_file

log = logging.getLogger(__name__)

GROUP = "org.elasticsearch.distribution.integ-test-zip"
ARTIFACT = "elasticsearch"

# SHA-512 of each supported zip, recorded when the version was adopted. Maven
# Central publishes no checksum files beside the 9.x integ-test zips, so these
# pins are what a download is verified against when none is published.
PINNED_SHA512 = {
    "9.5.4": (
        "a75df614854ace52dd0bce977662b3792873ac077ec0af9026cd0b2a0eb119e4"
        "49910f8eb8ed577d1a83c51c6ee6af71bf5004c3cf5b418c979186de8b5dd9e6"
    ),
}


class NodeError(RuntimeError):
    """The local node could not be installed, started or reached."""


def java_major(java_home: Path) -> int | None:
    """Returns the major version of the JDK at java_home, or None if it is not a JDK."""
    java = java_home / "bin" / "java"
    if not java.exists():
        return None
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def required_java(version: str) -> int:
    """Returns the lowest Java major version that runs Elasticsearch `version`."""
    return 21 if int(version.split(".")[0]) >= 9 else 17


def find_java(version: str) -> Path:
    """Returns a JDK home that can run Elasticsearch `version`.

    Raises:
        NodeError: when no suitable JDK is found; the message lists what was seen.
    """
    need = required_java(version)
    configured = config.get(config.JAVA_HOME)
    if configured:
        major = java_major(Path(configured))
        if major is None or major < need:
            raise NodeError(
                f"{config.JAVA_HOME.name}={configured} is not a Java {need}+ JDK (found {major})"
            )
        return Path(configured)
    candidates: list[Path] = []
    for var in ("ES_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(var):
            candidates.append(Path(os.environ[var]))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates.extend(sorted(p for p in jvm.iterdir() if p.is_dir() and not p.is_symlink()))
    which = shutil.which("java")
    if which:
        candidates.append(Path(os.path.realpath(which)).parent.parent)
    seen: list[str] = []
    best: tuple[int, Path] | None = None
    for home in candidates:
        major = java_major(home)
        seen.append(f"{home} ({major})")
        if major is not None and major >= need and (best is None or major > best[0]):
            best = (major, home)
    if best is None:
        raise NodeError(
            f"Elasticsearch {version} needs Java {need}+; none found among: {', '.join(seen) or 'nothing'}. "
            f"Install a JDK or set {config.JAVA_HOME.name}."
        )
    return best[1]


def _artifact_path(version: str) -> str:
    return f"{GROUP.replace('.', '/')}/{ARTIFACT}/{version}/{ARTIFACT}-{version}.zip"


def _sha(path: Path, algo: str) -> str:
    h = hashlib.new(algo)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _published_checksum(version: str) -> tuple[str, str] | None:
    """Returns (algorithm, digest) published next to the zip, or None if there is none."""
    base = f"{config.get(config.MAVEN_REPO).rstrip('/')}/{_artifact_path(version)}"
    for algo in ("sha512", "sha1"):
        try:
            with urllib.request.urlopen(f"{base}.{algo}", timeout=30) as r:
                text = r.read().decode("ascii", "replace").split()
                if text:
                    return algo, text[0].lower()
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise NodeError(f"could not fetch {base}.{algo}: HTTP {e.code}") from e
        except (urllib.error.URLError, TimeoutError) as e:
            log.warning("checksum %s.%s unreachable: %s", base, algo, e)
    return None


def verify(zip_path: Path, version: str) -> str:
    """Checks the zip against the published checksum, else the pinned one.

    Returns:
        A one-line description of what it was verified against.

    Raises:
        NodeError: on a mismatch, or when there is nothing to verify against.
    """
    published = _published_checksum(version)
    if published:
        algo, want = published
        source = f"published .{algo}"
    elif version in PINNED_SHA512:
        algo, want = "sha512", PINNED_SHA512[version]
        source = "pinned sha512"
    else:
        raise NodeError(
            f"no checksum is published for Elasticsearch {version} and none is pinned; "
            "refusing an unverified download"
        )
    got = _sha(zip_path, algo)
    if got != want:
        raise NodeError(f"{zip_path} fails its {source}: expected {want}, got {got}")
    return source


def download(version: str) -> Path:
    """Returns the verified zip of Elasticsearch `version`, downloading it only once."""
    dest_dir = config.cache_dir() / "downloads"
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"elasticsearch-{version}.zip"
    marker = dest.with_suffix(".verified")
    if dest.exists() and marker.exists():
        return dest
    tmp = dest.with_suffix(".part")
    if shutil.which("mvn"):
        repo = dest_dir / "m2"
        cmd = [
            "mvn", "-q", "-B", "dependency:get",
            f"-Dartifact={GROUP}:{ARTIFACT}:{version}:zip",
            "-Dtransitive=false",
            f"-Dmaven.repo.local={repo}",
            f"-DremoteRepositories=central::default::{config.get(config.MAVEN_REPO)}",
        ]
        log.info("fetching Elasticsearch %s with mvn", version)
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        got = repo / _artifact_path(version)
        if proc.returncode != 0 or not got.exists():
            raise NodeError(f"mvn could not fetch Elasticsearch {version}:\n{proc.stdout[-2000:]}")
        shutil.move(str(got), tmp)
        shutil.rmtree(repo, ignore_errors=True)
    else:
        url = f"{config.get(config.MAVEN_REPO).rstrip('/')}/{_artifact_path(version)}"
        log.info("fetching %s", url)
        try:
            with urllib.request.urlopen(url, timeout=60) as r, tmp.open("wb") as f:
                shutil.copyfileobj(r, f, 1 << 20)
        except (urllib.error.URLError, TimeoutError) as e:
            raise NodeError(f"could not download {url}: {e}") from e
    try:
        source = verify(tmp, version)
    except NodeError:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(dest)
    marker.write_text(source + "\n")
    log.info("Elasticsearch %s verified against %s", version, source)
    return dest


def install(version: str) -> Path:
    """Returns the unpacked Elasticsearch home for `version`, unpacking it once."""
    root = config.cache_dir()
    home = root / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    zip_path = download(version)
    staging = root / f".unpack-{version}"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(staging)
    inner = staging / f"elasticsearch-{version}"
    if not inner.is_dir():
        raise NodeError(f"{zip_path} does not unpack to elasticsearch-{version}/")
    # zipfile drops permission bits; restore the ones each entry recorded.
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            mode = (info.external_attr >> 16) & 0o777
            target = staging / info.filename
            if mode and target.exists() and not target.is_symlink():
                target.chmod(mode)
    inner.rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    return home


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _ensure_user(name: str) -> tuple[int, int]:
    """Returns (uid, gid) of the system user that runs the node, creating it if needed."""
    import pwd

    try:
        pw = pwd.getpwnam(name)
    except KeyError:
        cmd = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise NodeError(f"could not create system user {name}: {proc.stderr.strip()}") from None
        pw = pwd.getpwnam(name)
    return pw.pw_uid, pw.pw_gid


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for dirpath, dirnames, filenames in os.walk(path):
        for n in dirnames + filenames:
            os.chown(os.path.join(dirpath, n), uid, gid, follow_symlinks=False)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def health(url: str, timeout: float = 2.0) -> dict | None:
    """Returns the cluster health document at url, or None when unreachable."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as r:
            return json.loads(r.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _node_settings(home: Path, port: int, cluster: list[int] | None = None, index: int = 0) -> str:
    """Returns elasticsearch.yml for one node; `cluster` lists every node's transport port."""
    settings: dict = {
        "network.host": "127.0.0.1",
        "node.portsfile": True,
        "path.data": str(home / "data"),
        "path.logs": str(home / "logs"),
        "xpack.security.enabled": False,
        "cluster.routing.allocation.disk.threshold_enabled": False,
        "action.destructive_requires_name": False,
    }
    if cluster is None:
        settings.update({
            "cluster.name": "marsad-local",
            "node.name": "marsad-local-1",
            "discovery.type": "single-node",
            "http.port": f"{port}-{port + 99}",
            "transport.port": f"{port + 100}-{port + 199}",
        })
    else:
        settings.update({
            "cluster.name": "marsad-cluster",
            "node.name": f"marsad-node-{index + 1}",
            "http.port": port,
            "transport.port": cluster[index],
            "discovery.seed_hosts": [f"127.0.0.1:{p}" for p in cluster],
            "cluster.initial_master_nodes": [f"marsad-node-{i + 1}" for i in range(len(cluster))],
        })
    extra = _extra_settings()
    taken = sorted(extra.keys() & settings.keys())
    if taken:
        raise NodeError(f"{config.ES_SETTINGS.name} may not set what Marsad sets for each node: {', '.join(taken)}")
    settings.update(extra)
    return "".join(f"{k}: {json.dumps(v)}\n" for k, v in settings.items())


def _extra_settings() -> dict[str, str]:
    """The node settings MARSAD_ES_SETTINGS adds ("key=value key=value"), checked for their form."""
    extra = {}
    for pair in config.get(config.ES_SETTINGS).split():
        key, sep, value = pair.partition("=")
        if not sep or not value or not re.fullmatch(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+", key):
            raise NodeError(f"{config.ES_SETTINGS.name}: {pair!r} is not a setting such as "
                            "cluster.fault_detection.follower_check.timeout=4s")
        extra[key] = value
    return extra


def _heap() -> str:
    heap = config.get(config.ES_HEAP)
    if not re.fullmatch(r"\d+[kmgKMG]?", heap):
        raise NodeError(f"{config.ES_HEAP.name}={heap!r} is not a JVM heap size such as 1g or 512m")
    return heap


def _launch(es_dist: Path, java: Path, home: Path, settings: str, heap: str) -> subprocess.Popen:
    """Prepares home (config, data, logs, tmp) and starts one node process in the background."""
    for sub in ("data", "logs", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    conf = home / "config"
    if not conf.exists():
        shutil.copytree(es_dist / "config", conf)
    (conf / "elasticsearch.yml").write_text(settings)
    for stale in ("http.ports", "transport.ports"):
        (home / "logs" / stale).unlink(missing_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ES_JAVA_HOME": str(java),
        "ES_PATH_CONF": str(conf),
        "ES_TMPDIR": str(home / "tmp"),
        "ES_JAVA_OPTS": " ".join([f"-Xms{heap}", f"-Xmx{heap}", *config.get(config.ES_JAVA_OPTS).split()]),
        "LANG": "C.UTF-8",
    }
    popen_kwargs: dict = {}
    if _is_root():
        uid, gid = _ensure_user(config.get(config.ES_USER))
        _chown_tree(home, uid, gid)
        # The distribution itself only needs to be readable; its parents traversable.
        for p in [es_dist, *es_dist.parents]:
            if p == Path("/"):
                break
            mode = p.stat().st_mode
            if not mode & 0o005:
                p.chmod(mode | 0o005)
        popen_kwargs.update(user=uid, group=gid, extra_groups=[])
        env["HOME"] = str(home)
    with (home / "logs" / "stdout.log").open("ab") as out:
        return subprocess.Popen(
            [str(es_dist / "bin" / "elasticsearch")],
            cwd=home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **popen_kwargs,
        )


def _http_url(home: Path) -> str | None:
    ports = home / "logs" / "http.ports"
    try:
        text = ports.read_text().split()
    except OSError:
        return None
    return f"http://{text[0]}" if text else None


def start(version: str | None = None, home: Path | None = None) -> NodeState:
    """Starts the local node (or finds it running) and returns once it is green or yellow.

    Raises:
        NodeError: if it cannot be installed, started, or does not become ready in time.
    """
    version = version or config.get(config.ES_VERSION)
    home = home or config.es_home()
    running = read_state(home)
    if running and health(running.url):
        return running
    with _start_lock(home):
        return _start_locked(version, home)


@contextlib.contextmanager
def _start_lock(home: Path):
    """Holds an exclusive lock beside `home` while one process starts its node.

    Concurrent starters (two `marsad es start`, the workers of a parallel test
    run) would otherwise launch two nodes on one data directory: the second
    waits here, then finds the first one's node running.
    """
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.with_name(home.name + ".start-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _start_locked(version: str, home: Path) -> NodeState:
    running = read_state(home)
    if running and health(running.url):
        return running  # started by the process that held the lock before us
    port = config.get_int(config.ES_PORT, minimum=1)
    heap = _heap()
    _extra_settings()  # a malformed MARSAD_ES_SETTINGS fails before anything is installed or started
    timeout = config.get_float(config.ES_START_TIMEOUT, minimum=1)
    es_dist = install(version)
    proc = _launch(es_dist, find_java(version), home, _node_settings(home, port), heap)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise NodeError(
                f"Elasticsearch exited with status {proc.returncode}; last log lines:\n{_log_tail(home)}"
            )
        url = _http_url(home)
        h = health(url) if url else None
        if url and h and h.get("status") in ("green", "yellow"):
            state = NodeState(pid=proc.pid, url=url, version=version, home=str(home))
            state_file(home).write_text(json.dumps(state.as_dict()))
            return state
        time.sleep(0.5)
    _terminate(proc.pid)
    raise NodeError(f"Elasticsearch was not ready within {timeout:.0f}s; last log lines:\n{_log_tail(home)}")


def start_cluster(nodes: int = 3, version: str | None = None, home: Path | None = None) -> list[NodeState]:
    """Starts (or finds running) a local cluster of `nodes` nodes on 127.0.0.1.

    Node i listens on HTTP port MARSAD_ES_PORT+i and transport port
    MARSAD_ES_PORT+100+i, with its own data directory under cluster_home().
    Returns once every node has joined and the cluster is green or yellow.

    Raises:
        NodeError: a port is taken, a node exits, or the cluster does not form in time.
    """
    if nodes < 2:
        raise NodeError("a cluster needs at least 2 nodes; use start() for one")
    version = version or config.get(config.ES_VERSION)
    home = home or cluster_home()
    base = config.get_int(config.ES_PORT, minimum=1)
    heap = _heap()
    _extra_settings()  # a malformed MARSAD_ES_SETTINGS fails before anything is installed or started
    timeout = config.get_float(config.ES_START_TIMEOUT, minimum=1)
    homes = [home / f"node-{i + 1}" for i in range(nodes)]
    states = [read_state(h) for h in homes]
    if all(states) and _cluster_formed(states[0].url, nodes):
        return states  # type: ignore[return-value]
    transport = [base + 100 + i for i in range(nodes)]
    for i in range(nodes):
        if states[i] is None:
            for p in (base + i, transport[i]):
                if not _port_free(p):
                    raise NodeError(f"port {p} is taken; set {config.ES_PORT.name} to another base port")
    es_dist = install(version)
    java = find_java(version)
    procs: dict[int, subprocess.Popen] = {}
    for i, h in enumerate(homes):
        if states[i] is None:
            procs[i] = _launch(es_dist, java, h, _node_settings(h, base + i, transport, i), heap)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i, proc in procs.items():
            if proc.poll() is not None:
                for other in procs.values():
                    _terminate(other.pid)
                raise NodeError(f"node {i + 1} exited with status {proc.returncode}:\n{_log_tail(homes[i])}")
        url = f"http://127.0.0.1:{base}"
        if _cluster_formed(url, nodes):
            out = []
            for i, h in enumerate(homes):
                state = states[i] or NodeState(
                    pid=procs[i].pid, url=f"http://127.0.0.1:{base + i}", version=version, home=str(h)
                )
                state_file(h).write_text(json.dumps(state.as_dict()))
                out.append(state)
            return out
        time.sleep(0.5)
    for proc in procs.values():
        _terminate(proc.pid)
    raise NodeError(f"the cluster did not form within {timeout:.0f}s:\n{_log_tail(homes[0])}")


def _cluster_formed(url: str, nodes: int) -> bool:
    h = health(url)
    return bool(h and h.get("number_of_nodes") == nodes and h.get("status") in ("green", "yellow"))


def stop_cluster(home: Path | None = None) -> int:
    """Stops every node of the local cluster; returns how many were running."""
    home = home or cluster_home()
    states = cluster_states(home)
    for s in states:
        stop(Path(s.home))
    for group in {_group(pid) for pid in _strays(home)} - {None}:
        _terminate(group)  # the node and the launcher that leads its process group
    return len(states)


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def _strays(home: Path) -> list[int]:
    """Java processes still running from under `home` with no state file to find them by.

    A node that a killed start left behind, or one whose state file is gone:
    its command line names its temporary directory, which lies under its home.
    """
    mark = (str(home.resolve()) + os.sep).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if b"org.elasticsearch" in cmdline and mark in cmdline:
            found.append(int(entry.name))
    return found


def _log_tail(home: Path, lines: int = 30) -> str:
    path = home / "logs" / "stdout.log"
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _terminate(pid: int, grace: float = 60.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop(home: Path | None = None) -> bool:
    """Stops the local node; returns False if none was running."""
    home = home or config.es_home()
    state = read_state(home)
    if state is None:
        return False
    _terminate(state.pid)
    state_file(home).unlink(missing_ok=True)
    return True


def status(home: Path | None = None) -> dict:
    """Returns what runs where: pid, URL, version and cluster health of the local node."""
    home = home or config.es_home()
    state = read_state(home)
    if state is None:
        return {"running": False, "home": str(home)}
    h = health(state.url)
    return {
        "running": True,
        **state.as_dict(),
        "health": h.get("status") if h else "unreachable",
    }
