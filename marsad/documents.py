"""Elasticsearch documents built from an article and its Analysis: the one place that shapes them.

The crawler's indexer writes these documents and the API reads them, so both
follow ``index_config/`` through this module only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from marsad.nlp.normalize import TOKEN_RE, normalize_arabic, search_form, term
from marsad.nlp.translit import merge_keys

# Query parameters that only track campaigns; they never change the article.
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "at_", "ocid", "cmpid")


def canonical_url(url: str) -> str:
    """Returns url in the form that identifies the article.

    Lowercases scheme and host, drops the fragment, default ports, tracking
    parameters and a trailing slash, and sorts the remaining parameters.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES)
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))


@lru_cache(maxsize=8192)
def article_id(url: str) -> str:
    """Returns the stable id of the article at url (derived from its canonical URL)."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:20]


def content_hash(title: str, body: str) -> str:
    """Returns a hash of what the reader sees, to tell a changed article from an unchanged one."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()[:32]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Article:
    """An article as the crawler extracted it."""

    url: str
    title: str
    body: str
    lang: str
    source: str
    published: str | None = None
    fetched: str | None = None
    author: str | None = None
    canonical: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return article_id(self.canonical or self.url)


# Characters at the start of a body whose search terms are located in ``body_terms`` (the part of an
# article the API's snippets look in; past it, a snippet shows the article's opening).
TERMS_SCAN = 5000
# The key of body_terms that holds how many characters were scanned; never a term (TOKEN_RE has no "_").
TERMS_SCANNED = "_"


def first_offsets(text: str, limit: int = TERMS_SCAN) -> dict[str, int]:
    """Returns each search term of text[:limit] with the offset of the word it first occurs in.

    The API's snippet starts at the first occurrence of a query term; with
    this stored per article it reads that offset instead of tokenising and
    stemming the body of every hit. ``TERMS_SCANNED`` holds the number of
    characters covered, so a reader knows where the record ends.
    """
    out: dict[str, int] = {TERMS_SCANNED: min(len(text), limit)}
    for m in TOKEN_RE.finditer(text[:limit]):
        form = term(m.group())
        if form and form not in out:
            out[form] = m.start()
    return out


def _figure_fields(figure: dict) -> dict:
    return {k: figure.get(k) for k in ("kind", "value", "unit", "currency")}


def article_document(article: Article, analysis: dict, indexed: str | None = None) -> dict:
    """Returns the articles-index document for an article and its Analysis dict."""
    claims = analysis.get("claims", [])
    entities = analysis.get("entities", [])
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": canonical_url(article.canonical or article.url),
        "source": article.source,
        "lang": analysis.get("lang") or article.lang,
        "title": article.title,
        "title_form": search_form(article.title),
        "body": article.body,
        "body_form": search_form(article.body),
        "body_terms": first_offsets(article.body),
        "author": article.author,
        "published": article.published,
        "fetched": article.fetched or _now(),
        "indexed": indexed or _now(),
        "content_hash": content_hash(article.title, article.body),
        "word_count": len(article.body.split()),
        "entity_ids": sorted({e["id"] for e in entities if e.get("id")}),
        "speaker_ids": sorted({c["speaker"]["id"] for c in claims if c.get("speaker") and c["speaker"].get("id")}),
        "figures": [_figure_fields(f) for f in analysis.get("figures", [])],
        "claims_count": len(claims),
        "denials_count": sum(1 for c in claims if c.get("kind") == "denial"),
        "analysis": analysis,
    }


def _claim_entity_ids(claim: dict, entities: list[dict]) -> list[str]:
    ids = {entities[i]["id"] for i in claim.get("entities", []) if i < len(entities) and entities[i].get("id")}
    speaker = claim.get("speaker")
    if speaker and speaker.get("id"):
        ids.add(speaker["id"])
    return sorted(ids)


def claim_documents(article: Article, analysis: dict, indexed: str | None = None) -> list[dict]:
    """Returns the claims-index documents of an article: one per claim, carrying the article's context."""
    indexed = indexed or _now()
    figures = analysis.get("figures", [])
    entities = analysis.get("entities", [])
    docs = []
    for n, claim in enumerate(analysis.get("claims", [])):
        speaker = claim.get("speaker")
        docs.append(
            {
                "id": f"{article.id}-{n}",
                "article_id": article.id,
                "url": article.url,
                "title": article.title,
                "source": article.source,
                "lang": analysis.get("lang") or article.lang,
                "kind": claim["kind"],
                "cue": claim.get("cue"),
                "text": claim["text"],
                "text_form": search_form(claim["text"]),
                "start": claim.get("start"),
                "end": claim.get("end"),
                "speaker": dict(speaker) if speaker else None,
                "entity_ids": _claim_entity_ids(claim, entities),
                "figures": [
                    {"text": figures[i]["text"], **_figure_fields(figures[i])}
                    for i in claim.get("figures", [])
                    if i < len(figures)
                ],
                "published": article.published,
                "indexed": indexed,
            }
        )
    return docs


# The index kinds whose documents hold search forms that reformed() remakes from their texts.
REFORMED_KINDS = ("articles", "claims", "entities")


def reformed(kind: str, source: dict) -> dict:
    """Returns a stored document of an index kind with its search forms made again from its texts (after
    nlp.normalize.FORMS_VERSION changed), and an article's story features with them; other kinds'
    documents are returned as they are."""
    if kind == "articles":
        title, body = source.get("title") or "", source.get("body") or ""
        doc = {**source, "title_form": search_form(title), "body_form": search_form(body),
               "body_terms": first_offsets(body)}
        if "story_features" in source:
            # What story placement compares is made of forms too (claim terms, translated words, the
            # body's sketch and keys): made again, with the article's story, copy and claim groups kept.
            from marsad import stories

            kept = {k: source[k] for k in ("story", "duplicate_of", "claim_groups") if k in source}
            stories.prepare(doc)
            doc.update(kept)
        return doc
    if kind == "claims":
        return {**source, "text_form": search_form(source.get("text") or "")}
    if kind == "entities":
        names = sorted(set(source.get("aliases") or []) | ({source["name"]} if source.get("name") else set()))
        return {**source, "names_form": " ".join(search_form(n) for n in names)}
    return source


def alias_form(name: str) -> str:
    """Returns the normalised form of an entity alias used for exact and prefix lookup."""
    return " ".join(normalize_arabic(name).lower().split())


def entity_documents(analysis: dict, seen: str | None = None) -> list[dict]:
    """Returns partial entities-index documents (one per entity id) to be merged into stored ones."""
    seen = seen or _now()
    lang = analysis.get("lang")
    by_id: dict[str, dict] = {}
    for e in analysis.get("entities", []):
        if not e.get("id"):
            continue
        doc = by_id.setdefault(
            e["id"],
            {
                "id": e["id"],
                "name": e.get("name") or e["text"],
                "label": e["label"],
                "aliases": [],
                "langs": [lang] if lang else [],
                "first_seen": seen,
                "last_seen": seen,
            },
        )
        if e["text"] not in doc["aliases"]:
            doc["aliases"].append(e["text"])
    for doc in by_id.values():
        names = sorted(set(doc["aliases"]) | {doc["name"]})
        doc["aliases"] = names
        doc["alias_forms"] = sorted({alias_form(n) for n in names})
        doc["merge_keys"] = sorted({k for n in names for k in merge_keys(n, doc["label"])})
        doc["names_form"] = " ".join(search_form(n) for n in names)
        doc["indexed"] = seen
    return list(by_id.values())
