"""The local Elasticsearch manager: download verification over real HTTP, and a real node's lifecycle."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from marsad import config, esnode


@pytest.fixture
def maven_repo(tmp_path: Path, monkeypatch):
    """A Maven-layout directory served over HTTP on a free port, used as MARSAD_MAVEN_REPO."""
    root = tmp_path / "repo"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a, **k: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("MARSAD_MAVEN_REPO", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    yield root
    server.shutdown()


def _publish(root: Path, version: str, payload: bytes, checksum: str | None) -> Path:
    folder = root / Path(esnode._artifact_path(version)).parent
    folder.mkdir(parents=True)
    z = folder / f"elasticsearch-{version}.zip"
    z.write_bytes(payload)
    if checksum is not None:
        (folder / f"elasticsearch-{version}.zip.sha512").write_text(f"{checksum}  {z.name}\n")
    return z


def test_download_verifies_published_checksum_once(maven_repo: Path, monkeypatch):
    payload = b"not really a zip" * 100
    _publish(maven_repo, "0.0.1", payload, hashlib.sha512(payload).hexdigest())
    monkeypatch.setenv("PATH", "/nonexistent")  # no mvn: the plain HTTPS path is taken
    first = esnode.download("0.0.1")
    assert first.read_bytes() == payload
    assert "published .sha512" in first.with_suffix(".verified").read_text()
    # A second call must not download again: remove the source and it still succeeds.
    shutil.rmtree(maven_repo / "org")
    assert esnode.download("0.0.1") == first


def test_download_with_wrong_checksum_is_rejected_and_not_kept(maven_repo: Path, monkeypatch):
    _publish(maven_repo, "0.0.2", b"tampered", "0" * 128)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(esnode.NodeError, match="fails its published .sha512"):
        esnode.download("0.0.2")
    assert not list((config.cache_dir() / "downloads").glob("elasticsearch-0.0.2*"))


def test_download_without_any_checksum_is_refused(maven_repo: Path, monkeypatch):
    _publish(maven_repo, "0.0.3", b"anything", None)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(esnode.NodeError, match="refusing an unverified download"):
        esnode.download("0.0.3")


def test_pinned_checksum_is_used_when_none_is_published(maven_repo: Path, monkeypatch):
    payload = b"pinned payload"
    _publish(maven_repo, "0.0.4", payload, None)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setitem(esnode.PINNED_SHA512, "0.0.4", hashlib.sha512(payload).hexdigest())
    assert esnode.download("0.0.4").read_bytes() == payload


def test_java_requirement_follows_major_version():
    assert esnode.required_java("9.5.4") == 21
    assert esnode.required_java("8.19.4") == 17


def test_configured_java_that_is_too_old_names_the_variable(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("MARSAD_JAVA_HOME", str(tmp_path))
    with pytest.raises(esnode.NodeError, match="MARSAD_JAVA_HOME"):
        esnode.find_java("9.5.4")


def test_bad_heap_setting_fails_fast(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("MARSAD_ES_HEAP", "lots")
    monkeypatch.setenv("MARSAD_ES_HOME", str(tmp_path / "node"))
    with pytest.raises(esnode.NodeError, match="MARSAD_ES_HEAP"):
        esnode.start()


@pytest.mark.es
def test_shared_node_is_healthy_and_not_root(es_url: str, es_is_local: bool, monkeypatch):
    if not es_is_local:
        pytest.skip("MARSAD_ES_URL points at an external node")
    monkeypatch.delenv("MARSAD_ES_URL", raising=False)
    state = esnode.read_state()
    assert state is not None and state.url == es_url
    assert esnode.status()["health"] in ("green", "yellow")
    again = esnode.start()
    assert again.pid == state.pid, "a second start must reuse the running node"
    if os.geteuid() == 0:
        owner = Path(f"/proc/{state.pid}").stat().st_uid
        assert owner != 0, "Elasticsearch must not run as root"


@pytest.mark.parametrize("settings", ["cluster.name", "=3s", "Cluster.Name=x", "path.data=", "a.b=1 c d=2"])
def test_bad_node_settings_fail_fast_and_name_the_variable(settings, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("MARSAD_ES_SETTINGS", settings)
    monkeypatch.setenv("MARSAD_ES_HOME", str(tmp_path / "node"))
    with pytest.raises(esnode.NodeError, match="MARSAD_ES_SETTINGS"):
        esnode.start()
    with pytest.raises(esnode.NodeError, match="MARSAD_ES_SETTINGS"):
        esnode.start_cluster(2, home=tmp_path / "cluster")
    assert not (tmp_path / "node" / "config").exists() and not (tmp_path / "cluster").exists()


@pytest.mark.parametrize("key", ["network.host", "http.port", "path.data", "xpack.security.enabled"])
def test_node_settings_may_not_replace_what_marsad_sets(key, monkeypatch, tmp_path: Path):
    # Security is off on these nodes: opening them to the network, or two nodes on one port, must not happen.
    monkeypatch.setenv("MARSAD_ES_SETTINGS", f"{key}=x cluster.fault_detection.leader_check.timeout=3s")
    with pytest.raises(esnode.NodeError, match=key.replace(".", r"\.")):
        esnode._node_settings(tmp_path, 9200)
    monkeypatch.setenv("MARSAD_ES_SETTINGS", "cluster.fault_detection.leader_check.timeout=3s")
    assert 'cluster.fault_detection.leader_check.timeout: "3s"' in esnode._node_settings(tmp_path, 9200)


@pytest.mark.es
@pytest.mark.slow
def test_second_node_lifecycle(monkeypatch):
    """A separate node home and port: start, answer HTTP, stop, and report stopped."""
    home = config.cache_dir() / "test-nodes" / uuid.uuid4().hex[:8]
    monkeypatch.setenv("MARSAD_ES_HOME", str(home))
    monkeypatch.setenv("MARSAD_ES_PORT", "9450")
    monkeypatch.setenv("MARSAD_ES_HEAP", "512m")
    monkeypatch.setenv("MARSAD_ES_JAVA_OPTS", "-XX:TieredStopAtLevel=1  -Dmarsad.test.mark=second")
    try:
        state = esnode.start()
        assert state.url.startswith("http://127.0.0.1:94")
        with urllib.request.urlopen(f"{state.url}/_cluster/health", timeout=10) as r:
            assert r.status == 200
        # The heap and the extra JVM options reach the node, each as its own argument.
        with urllib.request.urlopen(f"{state.url}/_nodes/_local/jvm", timeout=10) as r:
            [node] = json.load(r)["nodes"].values()
        args = node["jvm"]["input_arguments"]
        assert {"-Xms512m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dmarsad.test.mark=second"} <= set(args), args
        assert esnode.status(home)["running"]
        assert esnode.stop(home)
        assert not esnode.status(home)["running"]
        assert esnode.health(state.url) is None
    finally:
        esnode.stop(home)
        shutil.rmtree(home, ignore_errors=True)


def test_a_node_left_without_a_state_file_is_stopped_with_its_cluster(tmp_path: Path):
    """stop_cluster also ends what runs from under the cluster's home with no state file (a killed start's node)."""
    home = tmp_path / "cluster"
    (home / "node-1" / "tmp").mkdir(parents=True)
    # A stand-in for the JVM: a real process whose command line reads like a node's (main class, temporary
    # directory under the home), leading its own process group like the launcher does.
    sleeper = "import time; print('up', flush=True); time.sleep(120)"
    stray = subprocess.Popen([sys.executable, "-c", sleeper, "org.elasticsearch.bootstrap",
                              f"-Djava.io.tmpdir={home / 'node-1' / 'tmp'}"], start_new_session=True,
                             stdout=subprocess.PIPE, text=True)
    other = subprocess.Popen([sys.executable, "-c", sleeper, "org.elasticsearch.bootstrap",
                              f"-Djava.io.tmpdir={tmp_path / 'cluster-2' / 'node-1' / 'tmp'}"], start_new_session=True,
                             stdout=subprocess.PIPE, text=True)
    try:
        # Until a child has exec'd, /proc shows the parent's command line (seen under load): wait for both.
        assert stray.stdout.readline() == other.stdout.readline() == "up\n"
        assert esnode._strays(home) == [stray.pid]  # a home whose name only begins the same is not this one
        assert esnode.stop_cluster(home) == 0  # no node had a state file
        assert stray.wait(timeout=30) is not None
        assert other.poll() is None
    finally:
        for p in (stray, other):
            p.kill()
            p.wait()
            p.stdout.close()


def test_concurrent_starters_take_turns(tmp_path: Path):
    """The start lock is exclusive across processes: a second starter waits until the first is done."""
    home = tmp_path / "node"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from pathlib import Path; from marsad import esnode\n"
                               "with esnode._start_lock(Path(sys.argv[1])):\n"
                               "    print('held', flush=True); time.sleep(1.5)", str(home)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with esnode._start_lock(home):
            waited = time.monotonic() - started
        assert waited >= 1.0, f"got the lock after {waited:.2f} s while the other process held it for 1.5 s"
    finally:
        holder.kill()
        holder.wait()
