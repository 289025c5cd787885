"""index_config/ applied to the real node: idempotence, versioned migration, drift detection."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from marsad import indices, store

pytestmark = pytest.mark.es

CONFIG = Path(__file__).resolve().parents[2] / "index_config"


def _article(i: int) -> dict:
    return {
        "id": f"a{i}",
        "url": f"https://example.test/{i}",
        "lang": "en",
        "title": f"Title {i}",
        "title_form": f"titl {i}",
        "body_form": "twitter deni sell data",
        "indexed": "2026-11-01T00:00:00Z",
    }


def test_second_init_changes_nothing(es):
    report = indices.init(es)
    assert not report.changed, report.lines
    for kind in store.KINDS:
        targets = sorted(es.indices.get_alias(name=store.alias(kind)))
        assert targets == [store.versioned_index(kind, indices.load_spec(kind).version)]


def test_documents_written_through_alias_are_searchable(es):
    es.index(index=store.alias("articles"), id="probe", document=_article(0), refresh=True)
    hits = es.search(index=store.alias("articles"), query={"match": {"body_form": "deni"}})["hits"]
    assert hits["total"]["value"] >= 1
    es.delete(index=store.alias("articles"), id="probe", refresh=True)


def test_strict_mapping_rejects_unknown_fields(es):
    from elasticsearch import BadRequestError

    with pytest.raises(BadRequestError):
        es.index(index=store.alias("articles"), document={"no_such_field": 1})


@pytest.fixture
def kind_dir(tmp_path: Path, monkeypatch, es):
    """A copy of index_config whose 'articles' kind lives under its own prefix for this test."""
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", f"{store.prefix()}-mig{tmp_path.name[-6:].lower()}")
    directory = tmp_path / "index_config"
    shutil.copytree(CONFIG, directory)
    yield directory
    es.indices.delete(index=f"{store.prefix()}-*", ignore_unavailable=True, allow_no_indices=True)
    es.options(ignore_status=404).indices.delete_index_template(name=f"{store.prefix()}-*")


def test_mapping_upgrade_keeps_data_searchable_through_alias(es, kind_dir: Path):
    indices.init_kind(es, "articles", kind_dir)
    alias = store.alias("articles")
    docs = [_article(i) for i in range(25)]
    for d in docs:
        es.index(index=alias, id=d["id"], document=d)
    es.indices.refresh(index=alias)

    spec = json.loads((kind_dir / "articles.json").read_text())
    before = spec["version"]
    spec["version"] = before + 1
    spec["mappings"]["properties"]["section"] = {"type": "keyword"}
    (kind_dir / "articles.json").write_text(json.dumps(spec))

    report = indices.init_kind(es, "articles", kind_dir)
    assert report.changed
    assert list(es.indices.get_alias(name=alias)) == [store.versioned_index("articles", before + 1)]
    assert not es.indices.exists(index=store.versioned_index("articles", before))
    assert es.count(index=alias)["count"] == 25
    hit = es.search(index=alias, query={"term": {"id": "a7"}})["hits"]["hits"][0]
    assert hit["_source"]["title"] == "Title 7"
    # The new field exists and the alias still takes writes.
    es.index(index=alias, id="new", document={**_article(99), "section": "tech"}, refresh=True)
    assert es.count(index=alias, query={"term": {"section": "tech"}})["count"] == 1
    assert not indices.init_kind(es, "articles", kind_dir).changed


def test_new_search_forms_are_made_again_when_the_indices_migrate(es, kind_dir: Path, monkeypatch):
    """A stemmer change (nlp.normalize.FORMS_VERSION) with a version bump: the stored forms of articles,
    claims and entities, and an article's story features, are remade from their texts on the way to the new
    index, so a query made with today's forms finds documents stored with yesterday's."""
    from datetime import UTC, datetime

    from marsad.nlp.normalize import FORMS_VERSION, search_form

    from marsad import stories
    from marsad.documents import reformed

    kinds = ("articles", "claims", "entities")
    monkeypatch.setattr(indices, "FORMS_VERSION", FORMS_VERSION - 1)
    for kind in kinds:
        indices.init_kind(es, kind, kind_dir)
    body = "نفت الشركة تسريب البيانات"
    # Written just now: the copy of what arrives during the migration takes it again, and remakes it too.
    now = datetime.now(UTC).isoformat()
    stale = {**_article(1), "lang": "ar", "body": body, "body_form": "نفت شرك تسريب يانا-stale", "indexed": now,
             "analysis": {"entities": [], "figures": [], "claims": [
                 {"text": "تسريب بيانات", "kind": "denial", "speaker": {"id": "qamartel"}}]}}
    stories.prepare(stale)
    stale.update({"story": "s1", "claim_groups": ["g1"]})
    stale["story_features"]["c"][0][4] = ["تسريب", "يانا"]  # the claim's terms as the old stemmer made them
    es.index(index=store.alias("articles"), id="a1", document=stale, refresh=True)
    claim = {"id": "a1-0", "article_id": "a1", "lang": "ar", "kind": "denial", "text": "تسريب بيانات",
             "text_form": "stale", "indexed": now}
    es.index(index=store.alias("claims"), id="a1-0", document=claim, refresh=True)
    entity = {"id": "bayanat-group", "name": "مجموعة بيانات", "label": "ORG", "aliases": ["مجموعة بيانات"],
              "names_form": "stale", "indexed": now}
    es.index(index=store.alias("entities"), id="bayanat-group", document=entity, refresh=True)
    # Same forms version, same version: nothing to remake, and a new forms version alone is refused.
    monkeypatch.setattr(indices, "FORMS_VERSION", FORMS_VERSION)
    with pytest.raises(indices.IndexConfigError, match="bump the version"):
        indices.init_kind(es, "articles", kind_dir)
    for kind in kinds:
        spec = json.loads((kind_dir / f"{kind}.json").read_text())
        spec["version"] += 1
        (kind_dir / f"{kind}.json").write_text(json.dumps(spec))
        report = indices.init_kind(es, kind, kind_dir)
        assert any(f"search forms remade (v{FORMS_VERSION})" in line for line in report.lines), report.lines
    article = es.get(index=store.alias("articles"), id="a1")["_source"]
    assert article["body_form"] == search_form(body) and article == reformed("articles", stale)
    assert (article["story"], article["claim_groups"]) == ("s1", ["g1"])
    assert set(search_form("تسريب بيانات").split()) <= set(article["story_features"]["c"][0][4])
    assert es.get(index=store.alias("claims"), id="a1-0")["_source"]["text_form"] == search_form("تسريب بيانات")
    names = es.get(index=store.alias("entities"), id="bayanat-group")["_source"]["names_form"]
    assert names == search_form("مجموعة بيانات")
    query = search_form("بيانات")
    for kind, field in (("articles", "body_form"), ("claims", "text_form"), ("entities", "names_form")):
        assert es.count(index=store.alias(kind), query={"match": {field: query}})["count"] == 1, kind
    # Migrating again with the same forms copies as it is.
    spec = json.loads((kind_dir / "claims.json").read_text())
    spec["version"] += 1
    (kind_dir / "claims.json").write_text(json.dumps(spec))
    assert not any("search forms" in line for line in indices.init_kind(es, "claims", kind_dir).lines)


def test_changed_mapping_without_version_bump_is_refused(es, kind_dir: Path):
    indices.init_kind(es, "articles", kind_dir)
    spec = json.loads((kind_dir / "articles.json").read_text())
    spec["mappings"]["properties"]["section"] = {"type": "keyword"}
    (kind_dir / "articles.json").write_text(json.dumps(spec))
    with pytest.raises(indices.IndexConfigError, match="bump the version"):
        indices.init_kind(es, "articles", kind_dir)


def test_downgrade_is_refused(es, kind_dir: Path):
    spec = json.loads((kind_dir / "articles.json").read_text())
    spec["version"] = 3
    (kind_dir / "articles.json").write_text(json.dumps(spec))
    indices.init_kind(es, "articles", kind_dir)
    spec["version"] = 2
    (kind_dir / "articles.json").write_text(json.dumps(spec))
    with pytest.raises(indices.IndexConfigError, match="newer"):
        indices.init_kind(es, "articles", kind_dir)


def test_malformed_config_names_the_file(tmp_path: Path):
    (tmp_path / "articles.json").write_text("{not json")
    with pytest.raises(indices.IndexConfigError, match="articles.json"):
        indices.load_spec("articles", tmp_path)
