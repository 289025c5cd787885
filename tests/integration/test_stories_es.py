"""Stories against the real Elasticsearch: join, start, merge, stable and absorbed ids, copies, rebuild, spool replay.

The articles are invented for these tests (a port operator, its chief executive
and a bank) and dated in 2025, far from every other fixture of the session, so
they only ever link among themselves. Their Analysis is written by hand
(apikit.Story), since story placement is under test here, not the NLP.
"""

from __future__ import annotations

import pytest
from apikit import Story  # noqa: E402

from marsad import store, stories, storyrebuild  # noqa: E402
from marsad.eval_stories import bcubed  # noqa: E402
from marsad.indexer import Indexer, Unit  # noqa: E402

pytestmark = pytest.mark.es

PORT = ("qatran-port-sttest", "Qatran Port")
HADDAD = ("lina-haddad-sttest", "Lina Haddad")
BANK = ("zafira-bank-sttest", "Zafira Bank")

EXPANSION_EN = ("Qatran Port said on Monday it would spend $40 million to deepen its container berths, "
                "a project its chief executive Lina Haddad said would double the port's capacity by 2027.\n\n"
                "Haddad said the port had signed contracts with two dredging firms and that work would start "
                "next month. She denied that the expansion would force any fishing families to leave the bay, "
                "and said the port had agreed a compensation plan with the local council. Shipping lines have "
                "asked for deeper berths for years as larger vessels call at ports across the region.")
EXPANSION_AR = ("قالت شركة ميناء قطران يوم الاثنين إنها ستنفق 40 مليون دولار على تعميق أرصفة الحاويات، "
                "وقالت الرئيسة التنفيذية لينا حداد إن المشروع سيضاعف طاقة الميناء بحلول عام 2027.\n\n"
                "ونفت حداد أن يجبر التوسع أي أسر صيادين على مغادرة الخليج، وقالت إن الميناء اتفق على خطة "
                "تعويض مع المجلس المحلي.")
BANK_EN = ("Zafira Bank reported a quarterly profit of $75 million on Tuesday, up from a year earlier, "
           "helped by higher lending to small businesses across the country, the bank said in a statement.")


def _story(key: str, lang: str, published: str, body: str, title: str, source: str = "sttest-gazette",
           claims: bool = True) -> Story:
    ar = lang == "ar"
    ents = [("ميناء قطران" if ar else "Qatran Port", "ORG", PORT), ("لينا حداد" if ar else "Lina Haddad",
                                                                     "PERSON", HADDAD)]
    figs = [("40 مليون دولار" if ar else "$40 million", "money", 40_000_000, None, "USD")]
    cl = []
    if claims:
        denial = ("يجبر التوسع أي أسر صيادين على مغادرة الخليج" if ar
                  else "the expansion would force any fishing families to leave the bay")
        cl = [(denial, "denial", "نفت" if ar else "denied", ("حداد" if ar else "She", *HADDAD))]
    return Story(key=key, lang=lang, source=source, published=published, title=title, body=body, entities=ents,
                 figures=figs, claims=cl)


def _index(es, items: list[Story], spool, batch: int = 50) -> None:
    indexer = Indexer(es, spool=spool, batch_size=batch)
    for s in items:
        indexer.add(Unit.build(s.article(), s.analysis()))
    counts = indexer.close()
    assert counts.indexed == len(items) and not counts.spooled and not counts.failed, counts
    es.indices.refresh(index=[store.alias(k) for k in store.KINDS])


def _doc(es, s: Story) -> dict:
    return es.get(index=store.alias("articles"), id=s.id)["_source"]


def _story_doc(es, sid: str) -> dict | None:
    res = es.options(ignore_status=404).get(index=store.alias("stories"), id=sid)
    return res["_source"] if res.get("found") else None


def test_join_start_copy_and_claim_group(es, tmp_path):
    en = _story("sttest-exp-en", "en", "2025-03-03T08:00:00Z", EXPANSION_EN, "Qatran Port to spend $40m on berths")
    ar = _story("sttest-exp-ar", "ar", "2025-03-03T11:00:00Z", EXPANSION_AR, "ميناء قطران ينفق 40 مليون دولار")
    copy = _story("sttest-exp-copy", "en", "2025-03-03T13:00:00Z",
                  "Editor's note: from our wire partner.\n\n" + EXPANSION_EN.replace("on Monday ", ""),
                  "Port expansion: berths to be deepened", source="sttest-ledger")
    bank = Story(key="sttest-bank", lang="en", source="sttest-gazette", published="2025-03-03T09:00:00Z",
                 title="Zafira Bank profit rises", body=BANK_EN, entities=[("Zafira Bank", "ORG", BANK)],
                 figures=[("$75 million", "money", 75_000_000, None, "USD")])
    _index(es, [en, bank], tmp_path / "s1")
    _index(es, [ar, copy], tmp_path / "s2")  # a second batch: placed against what the first stored
    sid = stories.story_id(en.id)
    assert _doc(es, en)["story"] == sid
    assert _doc(es, ar)["story"] == sid  # the Arabic report joins: shared entity ids and the figure
    assert _doc(es, copy)["story"] == sid and _doc(es, copy)["duplicate_of"] == en.id
    assert _doc(es, ar)["duplicate_of"] is None and _doc(es, en)["duplicate_of"] is None
    assert _doc(es, bank)["story"] == stories.story_id(bank.id)  # started its own
    doc = _story_doc(es, sid)
    assert doc["articles"] == 2 and doc["duplicates"] == 1 and doc["langs"] == ["ar", "en"]
    assert doc["titles"]["en"] == en.title and doc["titles"]["ar"] == ar.title
    assert doc["entities"][:2] == sorted([PORT[0], HADDAD[0]])
    assert [(f["value"], f["currency"]) for f in doc["figures"]] == [(40_000_000, "USD")]
    claims = es.search(index=store.alias("claims"), query={"terms": {"article_id": [en.id, ar.id, copy.id]}},
                       size=10)["hits"]["hits"]
    groups = {h["_source"]["article_id"]: h["_source"]["group"] for h in claims}
    assert len(groups) == 3 and len(set(groups.values())) == 1  # one denial in three articles, two languages
    assert all(h["_source"]["story"] == sid for h in claims)


def test_merge_keeps_the_older_id_and_the_absorbed_id_answers(es, tmp_path, client_for_stories):
    first = _story("sttest-m-a", "en", "2025-04-07T08:00:00Z", EXPANSION_EN.replace("40", "41"), "Port plan",
                   claims=False)
    # 80 hours later: too far from the first to link by itself.
    last = _story("sttest-m-b", "ar", "2025-04-10T16:00:00Z", EXPANSION_AR.replace("40", "41"), "خطة الميناء",
                  claims=False)
    for s in (first, last):
        s.figures = [(f[0].replace("40", "41"), f[1], 41_000_000, f[3], f[4]) for f in s.figures]
    _index(es, [first], tmp_path / "m1")
    _index(es, [last], tmp_path / "m2")
    a, b = stories.story_id(first.id), stories.story_id(last.id)
    assert _doc(es, first)["story"] == a and _doc(es, last)["story"] == b
    # An article between them links to both: the stories merge into the one that began first.
    middle = _story("sttest-m-c", "en", "2025-04-09T00:00:00Z",
                    "Qatran Port chief Lina Haddad said the $41 million berth project was on schedule and that "
                    "the first dredger had arrived in the bay.", "Port berth work on schedule", claims=False)
    middle.figures = [("$41 million", "money", 41_000_000, None, "USD")]
    _index(es, [middle], tmp_path / "m3")
    assert {_doc(es, s)["story"] for s in (first, last, middle)} == {a}
    assert _story_doc(es, b) is None and b in _story_doc(es, a)["absorbed"]
    res = client_for_stories.get(f"/api/v1/stories/{b}")
    assert res.status_code == 200 and res.json["id"] == a
    assert {x["id"] for x in res.json["articles"]} == {first.id, last.id, middle.id}
    listed = client_for_stories.get(f"/api/v1/articles?story={b}&size=10").json
    assert {x["id"] for x in listed["items"]} == {first.id, last.id, middle.id}
    # A later report joins; the id does not change.
    later = _story("sttest-m-d", "en", "2025-04-10T20:00:00Z", EXPANSION_EN.replace("40", "41"),
                   "Port berths: work goes on", source="sttest-ledger", claims=False)
    later.figures = middle.figures
    _index(es, [later], tmp_path / "m4")
    assert _doc(es, later)["story"] == a and _doc(es, first)["story"] == a


def _partition(es, items: list[Story]) -> dict[str, str]:
    return {s.key: _doc(es, s)["story"] for s in items}


def _days(items: list[Story], days: int, tag: str) -> list[Story]:
    """The same articles `days` later under other URLs (a separate copy of the scenario)."""
    out = []
    for s in items:
        d = int(s.published[8:10]) + days
        out.append(Story(key=f"{s.key}-{tag}", lang=s.lang, source=s.source,
                         published=f"{s.published[:8]}{d:02d}{s.published[10:]}", title=s.title, body=s.body,
                         entities=s.entities, figures=s.figures, claims=s.claims))
    return out


def _scenario() -> list[Story]:
    items = []
    for n, (lang, hour) in enumerate([("en", 8), ("ar", 9), ("en", 12), ("ar", 15)]):
        body = EXPANSION_EN if lang == "en" else EXPANSION_AR
        items.append(_story(f"sttest-f{n}", lang, f"2025-06-01T{hour:02d}:00:00Z", body, f"Port report {n}",
                            source=f"sttest-outlet{n}"))
    items.append(Story(key="sttest-f-bank", lang="en", source="sttest-gazette", published="2025-06-01T10:00:00Z",
                       title="Zafira Bank profit", body=BANK_EN, entities=[("Zafira Bank", "ORG", BANK)],
                       figures=[("$75 million", "money", 75_000_000, None, "USD")]))
    return items


def test_spool_replay_after_an_outage_leaves_the_same_stories(es, es_url, tmp_path):
    """Half a crawl written, Elasticsearch gone for the rest (spooled), then replayed: same stories."""
    straight = _days(_scenario(), 0, "a")
    _index(es, straight, tmp_path / "a", batch=2)
    interrupted = _days(_scenario(), 10, "b")
    _index(es, interrupted[:2], tmp_path / "b", batch=2)
    down = store.client("http://127.0.0.1:9", max_retries=0, request_timeout=1)
    indexer = Indexer(down, spool=tmp_path / "b", batch_size=2)
    for s in interrupted[2:]:
        indexer.add(Unit.build(s.article(), s.analysis()))
    counts = indexer.close()
    assert counts.spooled == len(interrupted) - 2 and counts.indexed == 0
    replayed = Indexer(es, spool=tmp_path / "b").replay()
    assert replayed.replayed == len(interrupted) - 2
    es.indices.refresh(index=[store.alias(k) for k in store.KINDS])
    a = {k[:-2]: v for k, v in _partition(es, straight).items()}
    b = {k[:-2]: v for k, v in _partition(es, interrupted).items()}
    assert bcubed(b, a)[2] == 1.0
    assert len(set(a.values())) == 2  # the port story and the bank's


def test_rebuild_is_deterministic_and_agrees_with_incremental(es, tmp_path):
    items = _days(_scenario(), 0, "r")
    for s in items:  # shifted so as not to meet the other tests' copies of the scenario
        s.published = s.published.replace("2025-06", "2025-08")
    _index(es, list(reversed(items)), tmp_path / "r", batch=1)  # newest first: the worst order
    incremental = _partition(es, items)
    first = storyrebuild.rebuild(es)
    after_one = {s.key: (_doc(es, s)["story"], _doc(es, s)["duplicate_of"], _doc(es, s)["claim_groups"])
                 for s in items}
    second = storyrebuild.rebuild(es)
    after_two = {s.key: (_doc(es, s)["story"], _doc(es, s)["duplicate_of"], _doc(es, s)["claim_groups"])
                 for s in items}
    assert after_one == after_two
    assert second.updated_articles == 0 and second.deleted_stories == 0
    assert first.articles >= len(items)
    assert bcubed({k: v[0] for k, v in after_one.items()}, incremental)[2] == 1.0
    # Rebuilt ids come from the first article by publication; an old id still answers.
    port = stories.story_id(items[0].id)
    assert after_one[items[0].key][0] == port
    for old in set(incremental.values()) - {v[0] for v in after_one.values()}:
        hits = es.search(index=store.alias("stories"), query={"term": {"absorbed": old}})["hits"]["hits"]
        assert len(hits) == 1


@pytest.fixture
def client_for_stories(es):
    from marsad.api import create_app

    return create_app({"TESTING": True, "RATE_LIMIT": 0}).test_client()


@pytest.mark.slow
def test_dev_labelled_set_through_the_real_indexing_path(es):
    """tests/stories/dev.jsonl through nlp.analyze and the indexer: the scores stay near what was reached.

    Reached when the method was fixed (tests/stories/README.md): BCubed F1 0.975, copies F1 1.0, claim-group
    precision 1.0 and recall 0.43 (recall is held back by the claim extraction's speakers, see the README).
    """
    from marsad import eval_stories

    s = eval_stories.run(eval_stories.DEFAULT_FILE, batch=5)
    assert s.bcubed_f1 >= 0.93, s
    assert s.copies_f1 >= 0.95, s
    assert s.groups_p >= 0.93, s
    assert s.groups_r >= 0.35, s


def test_a_candidate_another_process_rewrote_is_read_again(es, tmp_path):
    """A placing process keeps the candidates it read from the store until they are written again."""
    day = "2025-09-15"
    bank = Story(key="sttest-rw-a", lang="en", source="sttest-gazette", published=f"{day}T08:00:00Z",
                 title="Zafira Bank profit rises", body=BANK_EN, entities=[("Zafira Bank", "ORG", BANK)],
                 figures=[("$75 million", "money", 75_000_000, None, "USD")])
    _index(es, [bank], tmp_path / "a")
    placing = Indexer(es, spool=tmp_path / "b", batch_size=1)  # another process, running on
    follow = Story(key="sttest-rw-b", lang="en", source="sttest-ledger", published=f"{day}T09:00:00Z",
                   title="Zafira Bank profit up", body=BANK_EN.replace("on Tuesday", "this week"),
                   entities=[("Zafira Bank", "ORG", BANK)], figures=[("$75 million", "money", 75_000_000, None, "USD")])
    placing.add(Unit.build(follow.article(), follow.analysis()))
    assert bank.id in placing.stories.read  # read from the store, kept
    # The first process writes the article again (same URL), now the port's report.
    rewritten = _story("sttest-rw-a", "en", f"{day}T08:00:00Z", EXPANSION_EN, "Qatran Port to spend $40m",
                       source="sttest-gazette")
    _index(es, [rewritten], tmp_path / "c")
    port_ar = _story("sttest-rw-c", "ar", f"{day}T10:00:00Z", EXPANSION_AR, "ميناء قطران ينفق 40 مليون دولار")
    placing.add(Unit.build(port_ar.article(), port_ar.analysis()))
    counts = placing.close()
    assert counts.indexed == 2 and not counts.spooled and not counts.failed, counts
    es.indices.refresh(index=[store.alias(k) for k in store.KINDS])
    assert _doc(es, port_ar)["story"] == _doc(es, rewritten)["story"]  # linked to what the article says now


def test_version_1_signatures_keep_working_and_rebuild_upgrades_them(es, tmp_path):
    """A store written before signatures were versioned: its articles still join stories, copies need a rebuild."""
    from marsad import copies

    day = "2025-10-06"
    en = _story("sttest-v1-en", "en", f"{day}T08:00:00Z", EXPANSION_EN, "Qatran Port to spend $40m on berths")
    copy = _story("sttest-v1-copy", "en", f"{day}T13:00:00Z",
                  "Editor's note: from our wire partner.\n\n" + EXPANSION_EN.replace("on Monday ", ""),
                  "Port expansion: berths to be deepened", source="sttest-ledger")
    _index(es, [en], tmp_path / "a")
    # Written as before versions: no "v", band keys without a version. The values are the ones the current
    # scheme makes, so only the version keeps the copy below from matching them.
    doc = _doc(es, en)
    old = copies.Sketch.decode(doc["story_features"]["sig"], doc["story_features"]["n"], 1)
    doc["lsh_bands"] = old.bands()
    del doc["story_features"]["v"]
    es.index(index=store.alias("articles"), id=en.id, document=doc, refresh=True)
    _index(es, [copy], tmp_path / "b")
    sid = stories.story_id(en.id)
    assert _doc(es, copy)["story"] == sid  # linked by its keys and terms all the same
    assert _doc(es, copy)["duplicate_of"] is None  # but not compared as a copy
    report = storyrebuild.rebuild(es)
    assert report.updated_articles >= 1
    doc = _doc(es, en)
    assert doc["story_features"]["v"] == copies.SIG_VERSION
    assert doc["lsh_bands"] and all(b.startswith(f"v{copies.SIG_VERSION}/") for b in doc["lsh_bands"])
    assert _doc(es, copy)["duplicate_of"] == en.id and _doc(es, copy)["story"] == sid


def test_indexers_sharing_a_placer_write_in_the_order_they_placed(es, tmp_path):
    # The spiders of one crawl share a placer (crawler/pipelines.py). A's write is slow (a 429 retry, a busy
    # node); B's batch joins A's story and updates A's article and the story: it waits until A's write is stored
    # (else B's updates of a document not yet there failed, and A's late write left an older story behind).
    import threading
    import time

    from marsad.storyindex import StoryAssigner

    class Slow:
        def __init__(self, client):
            self._client = client

        def __getattr__(self, name):
            return getattr(self._client, name)

        def bulk(self, **kw):
            time.sleep(0.5)
            return self._client.bulk(**kw)

    shared = StoryAssigner(es)
    placed = threading.Event()
    assign = shared.assign

    def assign_and_tell(*args, **kwargs):
        out = assign(*args, **kwargs)
        placed.set()
        return out

    shared.assign = assign_and_tell
    en = _story("sttest-race-en", "en", "2025-06-10T08:00:00Z", EXPANSION_EN, "Qatran Port deepens its berths")
    ar = _story("sttest-race-ar", "ar", "2025-06-10T11:00:00Z", EXPANSION_AR, "ميناء قطران يعمق أرصفته")
    a = Indexer(Slow(es), spool=tmp_path / "a", stories=shared)
    b = Indexer(es, spool=tmp_path / "b", stories=shared)
    a.add(Unit.build(ar.article(), ar.analysis()))
    b.add(Unit.build(en.article(), en.analysis()))
    writer = threading.Thread(target=a.flush)
    writer.start()
    assert placed.wait(30)
    b.flush()
    writer.join(30)
    assert (a.counts.indexed, a.counts.failed, b.counts.indexed, b.counts.failed) == (1, 0, 1, 0)
    es.indices.refresh(index=[store.alias("articles"), store.alias("stories")])
    sid = _doc(es, ar)["story"]
    assert _doc(es, en)["story"] == sid
    doc = _story_doc(es, sid)
    assert doc["articles"] == 2 and doc["langs"] == ["ar", "en"]
