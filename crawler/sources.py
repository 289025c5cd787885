"""The outlets to crawl: sources.yml, or ad-hoc feeds and sitemaps from the command line."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_FILE = Path(__file__).with_name("sources.yml")


class SourcesError(ValueError):
    """sources.yml is missing, malformed, or names an unknown source."""


@dataclass
class Source:
    """One outlet: where its articles are listed, which hosts it may fetch, and how much."""

    name: str
    lang: str | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    max_articles: int = 0
    max_age_days: int = 0
    selectors: dict[str, str] = field(default_factory=dict)
    # The publisher's terms of use (for the operator to read; nothing fetches it).
    terms: str | None = None
    # Crawled when no source is named; a disabled source runs only when named with --source.
    enabled: bool = True
    # The licence held for text and data mining, when the publisher reserves it (TDMRep); empty: none.
    licence: str | None = None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _site_domain(host: str) -> str:
    """Returns host without its first label if a registrable name remains (feeds.bbci.co.uk → bbci.co.uk)."""
    try:
        ipaddress.ip_address(host)
        return host  # an address has no parent domain
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) > 2 and not (len(labels) == 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2):
        return ".".join(labels[1:])
    return host


def load(path: Path | None = None) -> list[Source]:
    """Reads a sources file.

    Raises:
        SourcesError: when the file is unreadable or an entry is malformed.
    """
    path = path or DEFAULT_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SourcesError(f"{path}: {e}") from e
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: expected a top-level 'sources:' list")
    defaults = data.get("defaults") or {}
    out: list[Source] = []
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise SourcesError(f"{path}: entry {n + 1} needs a name")
        merged = {**defaults, **entry}
        try:
            source = Source(
                name=str(merged["name"]),
                lang=merged.get("lang"),
                feeds=list(merged.get("feeds") or []),
                sitemaps=list(merged.get("sitemaps") or []),
                domains=[d.lower() for d in merged.get("domains") or []],
                max_articles=int(merged.get("max_articles") or 0),
                max_age_days=int(merged.get("max_age_days") or 0),
                selectors=dict(merged.get("selectors") or {}),
                terms=str(merged["terms"]) if merged.get("terms") else None,
                enabled=_flag(merged.get("enabled", True), "enabled"),
                licence=str(merged["licence"]).strip() or None if merged.get("licence") else None,
            )
        except (TypeError, ValueError) as e:
            raise SourcesError(f"{path}: source {merged.get('name')!r}: {e}") from e
        if source.terms and urlsplit(source.terms).scheme not in ("http", "https"):
            raise SourcesError(f"{path}: source {source.name!r}: terms {source.terms!r} is not an http(s) URL")
        if not source.feeds and not source.sitemaps:
            raise SourcesError(f"{path}: source {source.name!r} has neither feeds nor sitemaps")
        for url in source.feeds + source.sitemaps:
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourcesError(f"{path}: source {source.name!r}: {url!r} is not an http(s) URL")
        # The feeds' and sitemaps' own hosts are configured too (feeds.bbci.co.uk for bbc.com articles).
        hosts = {_host(u) for u in source.feeds + source.sitemaps}
        if not source.domains:
            hosts |= {_site_domain(h) for h in hosts}
        source.domains = sorted(set(source.domains) | hosts)
        out.append(source)
    return out


def _flag(value, key: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"{key} must be true or false, not {value!r}")


def select(sources: list[Source], names: list[str]) -> list[Source]:
    """Returns the sources with the given names, or every enabled one when names is empty.

    A disabled source is returned when it is named: the operator chose it.
    Raises SourcesError for unknown names.
    """
    if not names:
        return [s for s in sources if s.enabled]
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SourcesError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(by_name))}")
    return [by_name[n] for n in names]


def ad_hoc(feeds: list[str], sitemaps: list[str], lang: str | None = None,
           extra_domains: list[str] | None = None) -> list[Source]:
    """Returns one source per ad-hoc feed or sitemap URL, allowed to follow links on its own site."""
    out = []
    for url in feeds + sitemaps:
        if urlsplit(url).scheme not in ("http", "https"):
            raise SourcesError(f"{url!r} is not an http(s) URL")
        host = _host(url)
        domains = sorted({_site_domain(host), host, *(extra_domains or [])})
        out.append(Source(
            name=host,
            lang=lang,
            feeds=[url] if url in feeds else [],
            sitemaps=[url] if url in sitemaps else [],
            domains=domains,
        ))
    return out
