"""Pure document-building functions: ids from canonical URLs, and the shapes written to the indices."""

from __future__ import annotations

import pytest

from marsad.documents import (
    Article,
    alias_form,
    article_document,
    article_id,
    canonical_url,
    claim_documents,
    entity_documents,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://News.example/a/b/?utm_source=x&id=3#top", "https://news.example/a/b?id=3"),
        ("https://news.example:443/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
        ("http://news.example/a?fbclid=zz", "http://news.example/a"),
    ],
)
def test_equivalent_urls_share_an_id(a, b):
    assert canonical_url(a) == canonical_url(b)
    assert article_id(a) == article_id(b)


def test_different_articles_get_different_ids():
    assert article_id("https://news.example/a?id=3") != article_id("https://news.example/a?id=4")
    assert article_id("http://news.example/a") != article_id("https://news.example/a")


ANALYSIS = {
    "lang": "en",
    "entities": [
        {"text": "Orbitel", "label": "ORG", "start": 0, "end": 7, "id": "orbitel", "name": "Orbitel"},
        {"text": "Lina Haddad", "label": "PERSON", "start": 40, "end": 51, "id": "lina-haddad", "name": "Lina Haddad"},
        {"text": "the firm", "label": "ORG", "start": 60, "end": 68, "id": "orbitel", "name": "Orbitel"},
    ],
    "figures": [
        {"text": "$40 million", "kind": "money", "value": 40000000, "unit": None, "currency": "USD",
         "start": 20, "end": 31},
    ],
    "claims": [
        {"text": "it never sold $40 million of data", "kind": "denial", "cue": "denied", "start": 10, "end": 45,
         "speaker": {"text": "Orbitel", "id": "orbitel", "name": "Orbitel"}, "figures": [0], "entities": [1]},
    ],
}


def test_article_and_claim_documents_carry_query_fields():
    art = Article(url="https://news.example/x?utm_medium=rss", title="Orbitel denies sale", body="Orbitel denied it.",
                  lang="en", source="example", published="2026-11-01T10:00:00Z")
    doc = article_document(art, ANALYSIS)
    assert doc["id"] == article_id("https://news.example/x")
    assert doc["entity_ids"] == ["lina-haddad", "orbitel"]
    assert doc["speaker_ids"] == ["orbitel"]
    assert doc["denials_count"] == 1 and doc["claims_count"] == 1
    assert doc["figures"] == [{"kind": "money", "value": 40000000, "unit": None, "currency": "USD"}]
    assert "deni" in doc["title_form"].split()
    [claim] = claim_documents(art, ANALYSIS)
    assert claim["id"] == f"{doc['id']}-0" and claim["article_id"] == doc["id"]
    assert claim["entity_ids"] == ["lina-haddad", "orbitel"]
    assert claim["figures"][0]["currency"] == "USD" and claim["figures"][0]["text"] == "$40 million"


def test_entity_documents_merge_mentions_by_id():
    docs = {d["id"]: d for d in entity_documents(ANALYSIS)}
    assert docs["orbitel"]["aliases"] == ["Orbitel", "the firm"]
    assert alias_form("الشّركة") == "الشركه"
