"""Storage faults against the real Elasticsearch node: write-blocked indices and writers racing on one entity.

A genuinely full disk would need a small quota'd filesystem for the data
directory, which takes root mounts this test suite does not do. What
Elasticsearch does on a full disk is what is tested instead: past the
flood-stage watermark it puts ``index.blocks.read_only_allow_delete`` on the
indices (bulk items then fail with 429 ``cluster_block_exception``); an
operator's ``index.blocks.write`` / ``read_only`` give 403 with the same
exception type. Both are set here through the real settings API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

from marsad import documents, store
from marsad.indexer import Indexer, Unit
from marsad.spool import pending_files

pytestmark = [pytest.mark.es, pytest.mark.faults]

AR_FEED_ARTICLES = 13  # the demo site's Arabic feed (see test_crawl_faults.py)


@pytest.fixture
def prefix(es, own_prefix, monkeypatch):
    """Indices of this test alone (blocks must not leak into other tests); blocks are lifted afterwards."""
    mine = own_prefix("f")
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", mine)
    yield mine
    es.indices.put_settings(index=f"{mine}-*", settings={
        "index.blocks.write": None, "index.blocks.read_only": None, "index.blocks.read_only_allow_delete": None})
    es.indices.delete(index=f"{mine}-*", ignore_unavailable=True, allow_no_indices=True)


def _block(es, kind: str, setting: str, on: bool) -> None:
    es.indices.put_settings(index=store.alias(kind), settings={setting: True if on else None})


def _unit(tag: str, n: int) -> Unit:
    alias = f"Halvard Mining {n}"
    text = f"{alias} denied paying $5 million."
    analysis = {
        "lang": "en",
        "entities": [{"text": alias, "label": "ORG", "start": 0, "end": len(alias), "id": f"halvard-{tag}",
                      "name": "Halvard Mining"}],
        "figures": [],
        "claims": [{"text": text, "kind": "denial", "cue": "denied", "start": 0, "end": len(text),
                    "speaker": None, "figures": [], "entities": [0]}],
    }
    article = documents.Article(url=f"https://news.example/{tag}/{n}", title=f"Story {n}", body=text, lang="en",
                                source="test", published="2026-01-05T08:00:00+00:00")
    return Unit.build(article, analysis)


def _ids_in(es, kind: str, tag: str) -> list[str]:
    es.indices.refresh(index=store.alias(kind))
    hits = es.search(index=store.alias(kind), size=1000, query={"prefix": {"url": f"https://news.example/{tag}/"}},
                     source=False)["hits"]["hits"]
    return [h["_id"] for h in hits]


def _spooled_ids(spool: Path) -> list[str]:
    return [json.loads(line)["article"]["id"] for f in pending_files(spool)
            for line in f.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(("kind", "setting", "status", "text"), [
    ("articles", "index.blocks.write", 403, "FORBIDDEN/8/index write"),
    ("entities", "index.blocks.read_only_allow_delete", 429, "flood-stage watermark"),
    ("claims", "index.blocks.read_only", 403, "index read-only"),
], ids=["articles-write-block", "entities-disk-full", "claims-read-only"])
def test_blocked_index_spools_acknowledges_only_what_is_stored_and_replays_once(
    es, prefix: str, tmp_path: Path, caplog, kind: str, setting: str, status: int, text: str
) -> None:
    tag = uuid.uuid4().hex[:8]
    spool = tmp_path / "spool"
    acked: dict[str, list[str]] = {"indexed": [], "spooled": []}
    indexer = Indexer(es, spool, batch_size=4,
                      on_commit=lambda units, st: acked[st].extend(u.article["id"] for u in units))
    units = [_unit(tag, n) for n in range(12)]
    for u in units[:4]:
        indexer.add(u)
    assert len(acked["indexed"]) == 4

    _block(es, kind, setting, True)
    try:
        for u in units[4:]:
            indexer.add(u)
        counts = indexer.close()
        # Every unit is accounted for: stored, or on disk in the spool; none refused for good, none dropped.
        assert (counts.indexed, counts.spooled, counts.failed) == (4, 8, 0)
        assert sorted(acked["indexed"] + acked["spooled"]) == sorted(u.article["id"] for u in units)
        assert sorted(_spooled_ids(spool)) == sorted(acked["spooled"])
        assert not (spool / "failed").exists()
        # The error names the block and what to do about it.
        [reason] = counts.spool_reasons
        assert f"HTTP {status}" in reason and text in reason and "marsad spool replay" in reason
        assert any(text in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
        # What was acknowledged as indexed is in Elasticsearch, whole (article, claims, entity alias).
        assert set(acked["indexed"]) <= set(_ids_in(es, "articles", tag))
        assert {f"{a}-0" for a in acked["indexed"]} <= set(_ids_in(es, "claims", tag))
        if kind == "articles":
            assert sorted(_ids_in(es, "articles", tag)) == sorted(acked["indexed"])

        # Still blocked: a replay keeps every spooled unit and says why.
        still = Indexer(es, spool).replay()
        assert still.replayed == 0 and len(_spooled_ids(spool)) == 8 and text in still.spool_reasons[0]
    finally:
        _block(es, kind, setting, False)

    replayed = Indexer(es, spool).replay()
    assert (replayed.replayed, replayed.failed) == (8, 0) and not pending_files(spool)
    assert Indexer(es, spool).replay().replayed == 0
    ids = _ids_in(es, "articles", tag)
    assert len(ids) == len(set(ids)) == 12, "every article stored exactly once"
    assert len(_ids_in(es, "claims", tag)) == 12
    entity = es.get(index=store.alias("entities"), id=f"halvard-{tag}")["_source"]
    assert {f"Halvard Mining {n}" for n in range(12)} <= set(entity["aliases"])
    print(f"{kind} {setting}: stored 4, spooled 8 (HTTP {status}), lost 0; replayed {replayed.replayed}, "
          f"articles {len(ids)}")



def test_crawl_into_a_full_disk_exits_75_and_replay_stores_everything_once(
    es, es_url: str, prefix: str, site: MockServer, tmp_path: Path
) -> None:
    """`marsad crawl` into indices Elasticsearch made read-only (flood stage): exit 75, the reason, no loss."""
    sources = write_sources(tmp_path / "sources.yml", site, ["/feeds/ar.atom"])
    state = tmp_path / "state"
    env = crawl_env(es_url, prefix, state, MARSAD_INDEX_BATCH="5")
    for kind in store.KINDS:
        _block(es, kind, "index.blocks.read_only_allow_delete", True)
    try:
        proc = subprocess.run(marsad_command("crawl", f"--sources={sources}"), cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=180)
        s = summary(proc.stderr)
        assert proc.returncode == 75, proc.stderr  # EX_TEMPFAIL: waiting in the spool, nothing lost
        assert (s["indexed"], s["spooled"], s["failed"]) == (0, AR_FEED_ARTICLES, 0), proc.stderr
        assert "spooled because: Elasticsearch refuses writes (HTTP 429" in proc.stderr
        assert "flood-stage watermark" in proc.stderr
        assert _count_prefix(es, prefix) == 0
        status = subprocess.run(marsad_command("spool", "status"), cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=60)
        assert status.returncode == 75 and f"{AR_FEED_ARTICLES} article(s) waiting" in status.stdout
    finally:
        for kind in store.KINDS:
            _block(es, kind, "index.blocks.read_only_allow_delete", False)
    replay = subprocess.run(marsad_command("spool", "replay"), cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert f"replayed {AR_FEED_ARTICLES} article(s)" in replay.stdout
    assert _count_prefix(es, prefix) == AR_FEED_ARTICLES
    hits = es.search(index=store.alias("articles"), size=100, source_includes=["url"])["hits"]["hits"]
    assert len({h["_source"]["url"] for h in hits}) == AR_FEED_ARTICLES
    assert site.stats()["hits"]  # the pages really were fetched over HTTP
    print(f"full disk: crawl exit 75, spooled {s['spooled']}, lost 0; replay stored {AR_FEED_ARTICLES} once")


def _count_prefix(es, prefix: str) -> int:
    es.indices.refresh(index=f"{prefix}-articles")
    return es.count(index=f"{prefix}-articles")["count"]


# A writer process: its own client and indexer, one unit per bulk request so that
# the read-merge-write cycles of the shared entity interleave as much as possible.
WRITER = r"""
import json, sys, time
from marsad import documents, store
from marsad.indexer import Indexer, Unit
tag, who, lang, count, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
units = []
for n in range(count):
    name = f"Orlen Grid {who}{n}" if lang == "en" else f"أورلن غريد {who}{n}"
    analysis = {"lang": lang, "figures": [], "claims": [], "entities": [
        {"text": name, "label": "ORG", "start": 0, "end": len(name), "id": f"orlen-{tag}", "name": "Orlen Grid"}]}
    article = documents.Article(url=f"https://race.example/{tag}/{who}/{n}", title=name, body=name, lang=lang,
                                source="race", published=f"2026-01-{1 + n % 28:02d}T08:00:00+00:00")
    units.append(Unit.build(article, analysis))
indexer = Indexer(store.client(), batch_size=1)
while time.time() < start:
    time.sleep(0.005)
for u in units:
    indexer.add(u)
c = indexer.close()
print(json.dumps({"indexed": c.indexed, "spooled": c.spooled, "failed": c.failed, "conflicts": c.conflicts}))
"""


def _race(es, es_url: str, prefix: str, tmp_path: Path, per_writer: int) -> tuple[str, dict, list[dict]]:
    tag = uuid.uuid4().hex[:8]
    env = dict(os.environ, MARSAD_INDEX_PREFIX=prefix, MARSAD_SPOOL_DIR=str(tmp_path / "spool"),
               MARSAD_ES_URL=es_url)
    start = time.time() + 4  # both processes have imported everything by then
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, tag, who, lang, str(per_writer), str(start)],
                                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for who, lang in (("a", "en"), ("b", "ar"))]
    results = []
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    entity = es.get(index=store.alias("entities"), id=f"orlen-{tag}")["_source"]
    return tag, entity, results


def test_concurrent_writers_lose_no_entity_update(es, es_url: str, prefix: str, tmp_path: Path) -> None:
    """Two crawler processes index mentions of one entity at the same time: every alias and language survives."""
    per_writer = 25
    tag, entity, results = _race(es, es_url, prefix, tmp_path, per_writer)
    assert all((r["indexed"], r["spooled"], r["failed"]) == (per_writer, 0, 0) for r in results), results
    conflicts = sum(r["conflicts"] for r in results)
    assert conflicts > 0, "the writers never raced; the test proved nothing"
    expected = {f"Orlen Grid a{n}" for n in range(per_writer)} | {f"أورلن غريد b{n}" for n in range(per_writer)}
    missing = expected - set(entity["aliases"])
    assert not missing, f"{len(missing)} of {len(expected)} aliases lost to concurrent writes"
    assert entity["langs"] == ["ar", "en"]
    es.indices.refresh(index=store.alias("articles"))
    mentions = es.count(index=store.alias("articles"), query={"term": {"entity_ids": f"orlen-{tag}"}})["count"]
    assert mentions == 2 * per_writer
    print(f"entity race: 2 writers x {per_writer} mentions, {conflicts} write conflicts merged again, "
          f"aliases {len(entity['aliases'])}, lost 0")
