"""Index templates, versioned indices and aliases from ``index_config/``: the one source of truth.

``init`` is idempotent. For each index kind it makes sure that

1. the index template ``<prefix>-<kind>`` matches the JSON file,
2. the index ``<prefix>-<kind>-v<version>`` exists with that mapping, and
3. the alias ``<prefix>-<kind>`` points at it as the write index.

A mapping change means a new ``version`` in the JSON file. ``init`` then
creates the new index, copies the documents from the old one client-side
(scan + bulk; the integ-test distribution has no reindex module), swaps the
alias in one atomic request, copies whatever was written to the old index
during the copy, and removes the old index.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from elasticsearch import Elasticsearch, NotFoundError, helpers

from marsad import config, documents, store
from marsad.nlp.normalize import FORMS_VERSION

log = logging.getLogger(__name__)

class IndexConfigError(RuntimeError):
    """index_config/ and the indices in Elasticsearch disagree in a way init will not fix silently."""


@dataclass
class Spec:
    kind: str
    version: int
    settings: dict
    mappings: dict
    hash: str


@dataclass
class Report:
    """What init did; `changed` is False when everything was already in place."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False

    def add(self, line: str, changed: bool = True) -> None:
        self.lines.append(line)
        self.changed = self.changed or changed


def config_dir() -> Path:
    raw = config.get(config.INDEX_CONFIG)
    return Path(raw) if raw else Path(__file__).resolve().parent.parent / "index_config"


def load_spec(kind: str, directory: Path | None = None) -> Spec:
    """Reads index_config/<kind>.json.

    Raises:
        IndexConfigError: when the file is missing or malformed.
    """
    path = (directory or config_dir()) / f"{kind}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = int(data["version"])
        settings, mappings = data["settings"], data["mappings"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexConfigError(f"{path}: {e}") from e
    if version < 1:
        raise IndexConfigError(f"{path}: version must be a positive integer")
    hashed = {"settings": settings, "mappings": mappings}
    if kind in documents.REFORMED_KINDS:
        # Stored search forms belong to the mapping: new forms need a new version, whose migration remakes them.
        hashed["forms"] = FORMS_VERSION
    digest = hashlib.sha256(json.dumps(hashed, sort_keys=True).encode()).hexdigest()[:16]
    return Spec(kind, version, settings, mappings, digest)


def _replicas(es: Elasticsearch) -> int:
    raw = config.get(config.ES_REPLICAS)
    if raw == "auto":
        nodes = es.cluster.health()["number_of_data_nodes"]
        return 1 if nodes > 1 else 0
    try:
        value = int(raw)
    except ValueError:
        raise config.ConfigError(f"{config.ES_REPLICAS.name}={raw!r} is neither a number nor 'auto'") from None
    if value < 0:
        raise config.ConfigError(f"{config.ES_REPLICAS.name} must not be negative")
    return value


def _template_body(spec: Spec, replicas: int) -> dict:
    settings = copy.deepcopy(spec.settings)
    index = settings.setdefault("index", {})
    index["number_of_shards"] = config.get_int(config.ES_SHARDS, minimum=1)
    index["number_of_replicas"] = replicas
    mappings = copy.deepcopy(spec.mappings)
    meta = {"kind": spec.kind, "version": spec.version, "hash": spec.hash}
    if spec.kind in documents.REFORMED_KINDS:
        meta["forms"] = FORMS_VERSION
    mappings["_meta"] = meta
    return {
        "index_patterns": [f"{store.alias(spec.kind)}-v*"],
        "priority": 100,
        "version": spec.version,
        "_meta": {**meta, "replicas": replicas},
        "template": {"settings": settings, "mappings": mappings},
    }


def _index_meta(es: Elasticsearch, index: str) -> dict:
    mapping = es.indices.get_mapping(index=index)[index]["mappings"]
    return mapping.get("_meta", {})


def _older_forms(meta: dict) -> bool:
    """Whether an index's metadata says it holds search forms other than today's (nlp.normalize.FORMS_VERSION)."""
    return meta.get("forms") != FORMS_VERSION


def older_forms(es: Elasticsearch, names: list[str]) -> list[str]:
    """Returns the indices behind these names (aliases) whose documents hold search forms other than today's."""
    mappings = es.indices.get_mapping(index=",".join(names))
    return sorted(name for name, m in mappings.items() if _older_forms(m["mappings"].get("_meta", {})))


def _alias_targets(es: Elasticsearch, name: str) -> list[str]:
    try:
        return sorted(es.indices.get_alias(name=name).keys())
    except NotFoundError:
        return []


def _copy(es: Elasticsearch, source: str, target: str, query: dict | None = None, reform: str | None = None) -> int:
    """Copies documents (same ids) from source to target; returns how many; raises on any failure.

    ``reform``: the index kind whose search forms are made again on the way (documents.reformed).
    """
    actions = (
        {"_index": target, "_id": hit["_id"],
         "_source": documents.reformed(reform, hit["_source"]) if reform else hit["_source"]}
        for hit in helpers.scan(es, index=source, query={"query": query or {"match_all": {}}}, size=1000)
    )
    ok, errors = helpers.bulk(es, actions, chunk_size=1000, raise_on_error=False, stats_only=False)
    if errors:
        raise IndexConfigError(
            f"copying {source} → {target}: {len(errors)} documents failed, first: {errors[0]}"
        )
    return ok


def init_kind(es: Elasticsearch, kind: str, directory: Path | None = None, keep_old: bool = False) -> Report:
    """Brings one index kind in line with its JSON file; see the module docstring."""
    report = Report()
    spec = load_spec(kind, directory)
    alias = store.alias(kind)
    target = store.versioned_index(kind, spec.version)
    body = _template_body(spec, _replicas(es))

    try:
        existing = es.indices.get_index_template(name=alias)["index_templates"][0]["index_template"]
    except NotFoundError:
        existing = None
    if existing is None or existing.get("_meta") != body["_meta"]:
        es.indices.put_index_template(name=alias, **body)
        report.add(f"template {alias}: {'updated' if existing else 'created'} (v{spec.version})")
    else:
        report.add(f"template {alias}: unchanged", changed=False)

    if es.indices.exists(index=alias) and not _alias_targets(es, alias):
        raise IndexConfigError(f"{alias} is a concrete index, not an alias; move its data and delete it")

    if es.indices.exists(index=target):
        meta = _index_meta(es, target)
        if meta.get("hash") != spec.hash:
            raise IndexConfigError(
                f"{kind}.json differs from index {target} (hash {meta.get('hash')} vs {spec.hash}) "
                f"but its version is still {spec.version}: bump the version to migrate"
            )
    else:
        es.indices.create(index=target)
        report.add(f"index {target}: created")

    current = _alias_targets(es, alias)
    old = [i for i in current if i != target]
    metas = {name: _index_meta(es, name) for name in old}
    for name in old:
        old_version = metas[name].get("version", 0)
        if old_version > spec.version:
            raise IndexConfigError(
                f"{alias} points at {name} (v{old_version}), newer than {kind}.json (v{spec.version})"
            )
    if not current:
        es.indices.update_aliases(actions=[{"add": {"index": target, "alias": alias, "is_write_index": True}}])
        report.add(f"alias {alias} → {target}")
        return report
    if not old:
        report.add(f"alias {alias} → {target}: unchanged", changed=False)
        return report

    started = datetime.now(UTC) - timedelta(seconds=5)
    # Documents of an index made with older search forms get today's (nlp.normalize.FORMS_VERSION).
    reform = {name: kind if kind in documents.REFORMED_KINDS and _older_forms(metas[name]) else None
              for name in old}
    copied = sum(_copy(es, name, target, reform=reform[name]) for name in old)
    es.indices.refresh(index=target)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": target, "alias": alias, "is_write_index": True}})
    es.indices.update_aliases(actions=actions)
    # Writers kept using the old index until the swap; copy what they added meanwhile.
    late = {"range": {"indexed": {"gte": started.isoformat()}}}
    caught_up = sum(_copy(es, name, target, late, reform=reform[name]) for name in old)
    es.indices.refresh(index=target)
    report.add(
        f"alias {alias}: migrated {copied} documents (+{caught_up} written during the copy) "
        f"from {', '.join(old)} to {target}"
        + (f", search forms remade (v{FORMS_VERSION})" if any(reform.values()) else "")
    )
    if not keep_old:
        es.indices.delete(index=",".join(old))
        report.add(f"deleted {', '.join(old)}")
    return report


def init(es: Elasticsearch, directory: Path | None = None, keep_old: bool = False) -> Report:
    """Brings every index kind in line with index_config/; safe to re-run."""
    report = Report()
    for kind in store.KINDS:
        part = init_kind(es, kind, directory, keep_old)
        report.lines.extend(part.lines)
        report.changed = report.changed or part.changed
    return report
