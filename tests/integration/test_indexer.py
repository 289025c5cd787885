"""marsad.indexer against the real Elasticsearch: batches, spool, replay, refusals, updates."""

from __future__ import annotations

import json
import socket
import time
import uuid
from pathlib import Path

import pytest

from marsad import documents, store
from marsad.indexer import Indexer, Unit
from marsad.spool import pending_files

pytestmark = pytest.mark.es


def _analysis(lang: str, claims: int, entity: str = "orbitpay", name: str = "OrbitPay") -> dict:
    return {
        "lang": lang,
        "entities": [{"text": name if lang == "en" else "أوربت باي", "label": "ORG", "start": 0, "end": 8,
                      "id": entity, "name": name}],
        "figures": [{"text": "$45 million", "kind": "money", "value": 45e6, "unit": None, "currency": "USD",
                     "start": 20, "end": 31}],
        "claims": [{"text": f"claim {n}", "kind": "denial" if n == 0 else "statement", "cue": "denied",
                    "start": 0, "end": 7, "speaker": {"text": "Tom Becker", "id": "tom-becker", "name": "Tom Becker"},
                    "figures": [0], "entities": [0]} for n in range(claims)],
    }


EN_BODY = "OrbitPay will pay a fine of $45 million."
AR_BODY = "دفعت شركة أوربت باي غرامة قدرها 45 مليون دولار"


def _article(tag: str, n: int, lang: str = "en", body: str = EN_BODY) -> documents.Article:
    return documents.Article(url=f"https://news.example/{tag}/{n}", title=f"Story {n}", body=body, lang=lang,
                             source="test", published="2026-01-05T08:00:00+00:00")


def _count(es, kind: str, field: str, value: str) -> int:
    es.indices.refresh(index=store.alias(kind))
    return es.count(index=store.alias(kind), query={"prefix": {field: value}})["count"]


def _dead_client():
    # A port nobody listens on: connection refused, as when Elasticsearch is stopped.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return store.client(f"http://127.0.0.1:{port}", max_retries=0, request_timeout=2)


def test_batches_index_articles_claims_and_entities(es, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    committed = []
    indexer = Indexer(es, tmp_path / "spool", batch_size=3, on_commit=lambda units, status: committed.append(
        (len(units), status)))
    for n in range(7):
        indexer.add(Unit.build(_article(tag, n), _analysis("en", 2)))
    assert committed == [(3, "indexed"), (3, "indexed")]  # the seventh waits for its batch
    counts = indexer.close()
    assert (counts.indexed, counts.claims, counts.spooled, counts.failed) == (7, 14, 0, 0)
    assert _count(es, "articles", "url", f"https://news.example/{tag}/") == 7
    assert _count(es, "claims", "url", f"https://news.example/{tag}/") == 14


def test_unreachable_elasticsearch_spools_and_replay_sends_everything_once(es, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    spool = tmp_path / "spool"
    down = Indexer(_dead_client(), spool, batch_size=4)
    for n in range(10):
        down.add(Unit.build(_article(tag, n, "ar", AR_BODY), _analysis("ar", 1)))
    counts = down.close()
    assert (counts.indexed, counts.spooled, counts.failed) == (0, 10, 0)
    files = pending_files(spool)
    assert sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files) == 10
    # Still down: the replay keeps every file.
    assert Indexer(_dead_client(), spool).replay().replayed == 0
    assert len(pending_files(spool)) == len(files)
    replayed = Indexer(es, spool).replay()
    assert (replayed.replayed, replayed.failed) == (10, 0)
    assert pending_files(spool) == []
    # A second replay finds nothing; the documents are there once each.
    assert Indexer(es, spool).replay().replayed == 0
    assert _count(es, "articles", "url", f"https://news.example/{tag}/") == 10
    assert _count(es, "claims", "url", f"https://news.example/{tag}/") == 10


def test_nothing_is_acknowledged_or_dropped_when_the_spool_cannot_be_written(es, tmp_path: Path) -> None:
    """Elasticsearch down and the spool on a path that cannot be a directory: the batch stays buffered."""
    tag = uuid.uuid4().hex[:8]
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the spool directory should be", encoding="utf-8")
    told: list[tuple[int, str]] = []
    down = Indexer(_dead_client(), blocker / "spool", batch_size=3,
                   on_commit=lambda units, status: told.append((len(units), status)))
    down.add(Unit.build(_article(tag, 0), _analysis("en", 1)))
    down.add(Unit.build(_article(tag, 1), _analysis("en", 1)))
    with pytest.raises(OSError):
        down.add(Unit.build(_article(tag, 2), _analysis("en", 1)))
    assert told == [] and (down.counts.indexed, down.counts.spooled) == (0, 0)
    assert len(down._buffer) == 3  # kept for the next flush
    # Once writes can land, the same indexer stores all three and only then says so.
    down.es, down._down_until = es, 0.0
    counts = down.close()
    assert (counts.indexed, counts.spooled, counts.failed) == (3, 0, 0)
    assert told == [(3, "indexed")]
    assert _count(es, "articles", "url", f"https://news.example/{tag}/") == 3


def test_refused_documents_are_kept_and_counted_as_failed(es, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    good = Unit.build(_article(tag, 1), _analysis("en", 0))
    bad = Unit.build(_article(tag, 2), _analysis("en", 0))
    bad.article["not_in_the_mapping"] = True  # the mapping is strict: Elasticsearch refuses this one
    indexer = Indexer(es, tmp_path / "spool", batch_size=10)
    indexer.add(good)
    indexer.add(bad)
    counts = indexer.close()
    assert (counts.indexed, counts.failed, counts.spooled) == (1, 1, 0)
    failed = list((tmp_path / "spool" / "failed").glob("*.jsonl"))
    assert len(failed) == 1
    record = json.loads(failed[0].read_text(encoding="utf-8"))
    assert record["article"]["url"].endswith(f"{tag}/2") and "strict" in record["error"]


def test_a_changed_article_replaces_its_claims_and_entities_merge_across_languages(es, tmp_path: Path) -> None:
    # A letter first: with a tag of digits only (one in 40 hex tags) the cross-script match (nlp.idmatch) reads
    # "OrbitPay 97593454" as plain "OrbitPay", whose stored entity (the fixtures' OrbitPay, with its Arabic
    # name, written into the session's indices by another test) then absorbs this one.
    tag = "t" + uuid.uuid4().hex[:7]
    entity = f"orbitpay-{tag}"
    # A name no other test stores: an English "OrbitPay" stored by another test with
    # the Arabic spelling below would rightly absorb this one (cross-script merge).
    name = f"OrbitPay {tag}"
    indexer = Indexer(es, tmp_path / "spool", batch_size=1)
    indexer.add(Unit.build(_article(tag, 1), _analysis("en", 3, entity, name)))
    assert _count(es, "claims", "url", f"https://news.example/{tag}/") == 3
    changed = _article(tag, 1, body="OrbitPay now says the fine is $50 million.")
    indexer.add(Unit.build(changed, _analysis("en", 1, entity, name)))
    indexer.add(Unit.build(_article(tag, 2, "ar", "أوربت باي"), _analysis("ar", 0, entity, name)))
    assert _count(es, "articles", "url", f"https://news.example/{tag}/") == 2
    assert _count(es, "claims", "url", f"https://news.example/{tag}/") == 1
    doc = es.get(index=store.alias("articles"), id=changed.id)["_source"]
    assert "$50 million" in doc["body"]
    ent = es.get(index=store.alias("entities"), id=entity)["_source"]
    assert set(ent["aliases"]) >= {name, "أوربت باي"} and ent["langs"] == ["ar", "en"]


def test_an_unknown_name_in_the_other_script_joins_the_stored_entity(es, tmp_path: Path) -> None:
    """English coverage stores 'Velmora Data'; later Arabic coverage romanises its name, yet lands under one id."""
    tag = uuid.uuid4().hex[:8]
    indexer = Indexer(es, tmp_path / "spool", batch_size=1)

    def analysis(lang: str, text: str, ident: str) -> dict:
        return {"lang": lang, "figures": [],
                "entities": [{"text": text, "label": "ORG", "start": 0, "end": len(text), "id": ident, "name": text}],
                "claims": [{"text": "it kept no records", "kind": "denial", "cue": "denied", "start": 0, "end": 5,
                            "speaker": {"text": text, "id": ident, "name": text}, "figures": [], "entities": [0]}]}

    indexer.add(Unit.build(_article(tag, 1), analysis("en", "Velmora Data", "velmora-data")))
    arabic = Unit.build(_article(tag, 2, "ar", "نفت فيلمورا داتا"), analysis("ar", "فيلمورا داتا", "filmura-data"))
    indexer.add(arabic)
    indexer.close()
    for kind in ("articles", "claims", "entities"):
        es.indices.refresh(index=store.alias(kind))
    stored = es.get(index=store.alias("articles"), id=arabic.article["id"])["_source"]
    assert stored["entity_ids"] == ["velmora-data"]
    assert stored["analysis"]["entities"][0]["id"] == "velmora-data"
    claim = es.get(index=store.alias("claims"), id=f"{arabic.article['id']}-0")["_source"]
    assert claim["speaker"]["id"] == "velmora-data"
    entity = es.get(index=store.alias("entities"), id="velmora-data")["_source"]
    assert set(entity["aliases"]) >= {"Velmora Data", "فيلمورا داتا"}
    assert not es.exists(index=store.alias("entities"), id="filmura-data")


def test_an_ambiguous_or_different_name_keeps_its_own_id(es, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    indexer = Indexer(es, tmp_path / "spool", batch_size=1)
    person = {"lang": "en", "figures": [], "claims": [],
              "entities": [{"text": "Karim Salem", "label": "PERSON", "start": 0, "end": 11, "id": "karim-salem",
                            "name": "Karim Salem"}]}
    other = {"lang": "ar", "figures": [], "claims": [],
             "entities": [{"text": "كريم سالم", "label": "ORG", "start": 0, "end": 9, "id": "krim-salim",
                           "name": "كريم سالم"}]}
    indexer.add(Unit.build(_article(tag, 1), person))
    indexer.add(Unit.build(_article(tag, 2, "ar", "كريم سالم"), other))
    indexer.close()
    es.indices.refresh(index=store.alias("entities"))
    assert es.exists(index=store.alias("entities"), id="krim-salim"), "a different label must not merge"


def test_an_entity_keeps_its_stored_id_when_the_same_name_comes_with_a_new_one(es, tmp_path: Path) -> None:
    """Ids made by an older romanisation stay: the same name under a new slug joins the stored entity."""
    tag = uuid.uuid4().hex[:8]
    name = f"سالم القحطاني {tag}"

    def analysis(ident: str, label: str = "PERSON") -> dict:
        return {"lang": "ar", "figures": [], "claims": [],
                "entities": [{"text": name, "label": label, "start": 0, "end": len(name), "id": ident, "name": name}]}

    old, new = f"salm-alqhtani-{tag}", f"salem-al-qahtani-{tag}"
    first = Indexer(es, tmp_path / "spool1", batch_size=1)
    first.add(Unit.build(_article(tag, 1, "ar", name), analysis(old)))
    first.close()
    es.indices.refresh(index=store.alias("entities"))
    # A later process (another crawl, newer code) slugs the same name differently.
    later = Indexer(es, tmp_path / "spool2", batch_size=1)
    unit = Unit.build(_article(tag, 2, "ar", name), analysis(new))
    later.add(unit)
    other_label = Unit.build(_article(tag, 3, "ar", name), analysis(f"org-{tag}", "ORG"))
    later.add(other_label)
    later.close()
    stored = es.get(index=store.alias("articles"), id=unit.article["id"])["_source"]
    assert stored["entity_ids"] == [old]
    assert not es.exists(index=store.alias("entities"), id=new)
    # The same name with another label is another entity.
    stored = es.get(index=store.alias("articles"), id=other_label.article["id"])["_source"]
    assert stored["entity_ids"] == [f"org-{tag}"]


def test_a_batch_that_does_not_fill_is_written_after_max_delay(es, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    told: list[int] = []
    indexer = Indexer(es, tmp_path / "spool", batch_size=100, max_delay=0.5,
                      on_commit=lambda units, status: told.append(len(units)))
    indexer.add(Unit.build(_article(tag, 0), _analysis("en", 1)))
    assert not indexer.flush_due() and told == []  # young: waits for more
    time.sleep(0.6)
    assert indexer.flush_due() and told == [1]
    # Through add(): a unit arriving after the oldest waited long enough takes the batch along.
    indexer.add(Unit.build(_article(tag, 1), _analysis("en", 1)))
    time.sleep(0.6)
    indexer.add(Unit.build(_article(tag, 2), _analysis("en", 1)))
    assert told == [1, 2]
    assert _count(es, "articles", "url", f"https://news.example/{tag}/") == 3
    # Without max_delay only a full batch or flush() writes.
    patient = Indexer(es, tmp_path / "spool2", batch_size=100)
    patient.add(Unit.build(_article(tag, 3), _analysis("en", 1)))
    time.sleep(0.1)
    assert not patient.flush_due() and patient.close().indexed == 1
