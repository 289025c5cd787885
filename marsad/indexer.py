"""Bulk indexing of articles, claims and entities, with a disk spool so that nothing is lost.

The unit of work is one article with its claims and entity mentions (a
:class:`Unit`, built from marsad.documents). Units are sent in batches through
the aliases of marsad.store. When Elasticsearch cannot be reached, or rejects
a batch with a retryable status (429, 5xx), the units go to the spool: JSON
lines files written atomically under the spool directory, replayed by
:meth:`Indexer.replay` (on the next crawl, or by ``marsad spool replay``).
Units Elasticsearch refuses for good (a mapping error) go to ``failed/`` in
the spool directory and are counted as failed; they are never just logged.
Writes refused by an index block (``cluster_block_exception``: an index made
read-only by an operator, or by Elasticsearch itself when the disk passes the
flood-stage watermark) are spooled too: the block is lifted some day, and the
units must then be written, not sit among the refused ones.

Every write is keyed by a stable id, so replaying a spool twice, or a crawl
that indexes an article again, never duplicates anything.

Entity documents are shared by every article that mentions the entity, and
several crawler processes may update one at the same time. Each entity write
is conditional on the version read (``if_seq_no``/``if_primary_term``, or
``create``); a writer that loses the race reads again, merges again and
retries, so no alias, language or date is lost to a concurrent update.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout, SerializationError, TransportError
from elasticsearch import ApiError, Elasticsearch

from marsad import documents, store
from marsad.nlp.gazetteer import gazetteer
from marsad.nlp.idmatch import spelled_id, split_scripts
from marsad.nlp.normalize import FORMS_VERSION, search_form
from marsad.spool import pending_files, spool_dir
from marsad.storyindex import StoryAssigner

log = logging.getLogger(__name__)

# Bulk item statuses worth another try later: back-pressure and server trouble.
RETRYABLE = {408, 429, 500, 502, 503, 504}


@dataclass
class Unit:
    """One article's documents: what is indexed, spooled and replayed together."""

    article: dict
    claims: list[dict]
    entities: list[dict]
    token: dict = field(default_factory=dict)

    @classmethod
    def build(cls, article: documents.Article, analysis: dict, token: dict | None = None) -> Unit:
        """Returns the unit for an extracted article and its Analysis dict."""
        indexed = documents._now()
        return cls(
            article=documents.article_document(article, analysis, indexed),
            claims=documents.claim_documents(article, analysis, indexed),
            entities=documents.entity_documents(analysis, indexed),
            token=token or {},
        )

    def to_json(self) -> str:
        return json.dumps(
            {"article": self.article, "claims": self.claims, "entities": self.entities, "token": self.token,
             "forms": FORMS_VERSION},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> Unit:
        """Reads a spooled unit; one spooled by code of other search forms gets today's (documents.reformed)."""
        data = json.loads(line)
        unit = cls(data["article"], data["claims"], data["entities"], data.get("token") or {})
        if data.get("forms") != FORMS_VERSION:
            unit.article = documents.reformed("articles", unit.article)
            unit.claims = [documents.reformed("claims", c) for c in unit.claims]
            unit.entities = [documents.reformed("entities", e) for e in unit.entities]
        return unit


@dataclass
class Counts:
    """What the indexer did with the units it was given."""

    indexed: int = 0
    claims: int = 0
    spooled: int = 0
    failed: int = 0
    replayed: int = 0
    # Entity writes that lost a race with another writer and were merged again.
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    # Why units went to (or stayed in) the spool, each distinct reason once, oldest first.
    spool_reasons: list[str] = field(default_factory=list)

    def note_spool_reason(self, reason: str) -> None:
        if reason and reason not in self.spool_reasons:
            self.spool_reasons.append(reason)


class Indexer:
    """Buffers units, writes them in bulk batches, and spools what cannot be written.

    Args:
        es: the client; writes go through the aliases of marsad.store.
        spool: the spool directory.
        batch_size: units per bulk request.
        on_commit: called with (units, "indexed" | "spooled") once units are safe,
            so callers can remember them (seen-URL store, resume state).
        retry_interval: seconds to stop trying Elasticsearch after a connection
            failure; meanwhile batches go straight to the spool.
        max_delay: seconds the oldest buffered unit may wait before the batch is
            written however full it is (checked on ``add`` and ``flush_due``);
            None waits for a full batch or ``flush``.
        stories: place every article into a story as it is written (marsad.stories); a StoryAssigner to
            share one with the other indexers of a process (the spiders of one crawl), so that they place
            into one story memory.
    """

    def __init__(
        self,
        es: Elasticsearch,
        spool: Path | None = None,
        batch_size: int = 50,
        on_commit: Callable[[list[Unit], str], None] | None = None,
        retry_interval: float = 5.0,
        max_delay: float | None = None,
        stories: bool | StoryAssigner = True,
    ):
        self.es = es
        self.spool = spool or spool_dir()
        self.batch_size = max(1, batch_size)
        self.on_commit = on_commit
        self.retry_interval = retry_interval
        self.max_delay = max_delay
        self._oldest = 0.0  # monotonic time the first buffered unit arrived
        self.counts = Counts()
        self._buffer: list[Unit] = []
        self._down_until = 0.0
        self._seq = 0
        # merge key -> {entity id: (id, label, aliases)} of entities this indexer wrote lately.
        self._recent: dict[str, dict[str, tuple[str, str, list[str]]]] = {}
        self._recent_count = 0
        # Places each batch's articles into stories (marsad.stories) and adds the writes that follow.
        self.stories = stories if isinstance(stories, StoryAssigner) else StoryAssigner(es) if stories else None

    # ------------------------------------------------------------ public API

    def add(self, unit: Unit) -> None:
        """Queues a unit; sends the batch when it is full or its oldest unit has waited max_delay."""
        if not self._buffer:
            self._oldest = time.monotonic()
        self._buffer.append(unit)
        if len(self._buffer) >= self.batch_size or self._due():
            self.flush()

    def _due(self) -> bool:
        return (self.max_delay is not None and bool(self._buffer)
                and time.monotonic() - self._oldest >= self.max_delay)

    def flush_due(self) -> bool:
        """Writes the batch if its oldest unit has waited max_delay; returns whether it did.

        For a caller's timer: a slow crawl should not hold analysed articles
        back from readers until a batch fills.
        """
        if not self._due():
            return False
        self.flush()
        return True

    def flush(self) -> None:
        """Sends buffered units now; what cannot be written is spooled or marked failed.

        Every unit is settled durably (in Elasticsearch, a spool file or
        spool/failed) before ``on_commit`` hears of it; if settling raises
        (a full local disk, say), the unsettled units go back to the buffer
        and the error propagates, so nothing is acknowledged or dropped.
        """
        batch, self._buffer = self._buffer, []
        if not batch:
            return
        try:
            if time.monotonic() < self._down_until:
                ok, retry, failed, reason = [], batch, [], "Elasticsearch was unreachable moments ago"
            else:
                ok, retry, failed, reason = self._send(batch)
                if retry and reason != "unreachable":
                    # Back-pressure (429) or a busy shard: one short pause and a second try.
                    time.sleep(1.0)
                    ok2, retry, failed2, reason = self._send(retry)
                    ok, failed = ok + ok2, failed + failed2
        except BaseException:
            self._buffer = batch + self._buffer
            raise
        try:
            if retry:
                self._spool(retry, reason)
            if failed:
                self._fail(failed)
        except BaseException:
            self._buffer = retry + [u for u, _ in failed] + self._buffer
            self._done(ok)
            raise
        self._done(ok)
        self._done(retry, status="spooled")

    def close(self) -> Counts:
        """Flushes what is left and returns the counts."""
        self.flush()
        return self.counts

    @property
    def buffered(self) -> int:
        """Returns how many units wait in memory for their batch (not yet in Elasticsearch or the spool)."""
        return len(self._buffer)

    def pending_files(self) -> list[Path]:
        """Returns the spool files waiting for replay, oldest first."""
        return pending_files(self.spool)

    def replay(self) -> Counts:
        """Sends every spooled unit to Elasticsearch, oldest file first.

        Stops at the first file Elasticsearch still cannot take (it stays in
        the spool). Returns counts of this replay only.
        """
        before = Counts(**{k: v for k, v in vars(self.counts).items() if k not in ("errors", "spool_reasons")})
        reasons: list[str] = []
        self.spool.mkdir(parents=True, exist_ok=True)
        with open(self.spool / ".lock", "w") as lock:
            # Another replay in progress would only redo the same idempotent writes; skip the work.
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.info("another process is replaying %s", self.spool)
                return Counts()
            for path in self.pending_files():
                units = [Unit.from_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
                ok, retry, failed, reason = self._send(units)
                if failed:
                    self._fail(failed)
                if retry:
                    self._write(path, retry)
                self._done(ok, status="indexed")
                self.counts.replayed += len(ok)
                if retry:
                    reasons.append(reason)
                    log.warning("spool replay stopped: %d units stay in %s (%s)", len(retry), path, reason)
                    break
                path.unlink()
        return Counts(
            indexed=self.counts.indexed - before.indexed,
            claims=self.counts.claims - before.claims,
            failed=self.counts.failed - before.failed,
            replayed=self.counts.replayed - before.replayed,
            spool_reasons=reasons,
        )

    # ------------------------------------------------------------ internals

    def _done(self, units: list[Unit], status: str = "indexed") -> None:
        if not units:
            return
        if status == "indexed":
            self.counts.indexed += len(units)
            self.counts.claims += sum(len(u.claims) for u in units)
        if self.on_commit:
            self.on_commit(units, status)

    def _spool(self, units: list[Unit], reason: str) -> None:
        """Writes units to a new spool file (the caller tells on_commit once it is written)."""
        self._seq += 1
        path = self.spool / f"{time.time_ns()}-{os.getpid()}-{self._seq:05d}.jsonl"
        self._write(path, units)
        self.counts.spooled += len(units)
        self.counts.note_spool_reason(reason)
        log.warning("spooled %d articles to %s: %s", len(units), path, reason)

    def _fail(self, failed: list[tuple[Unit, str]]) -> None:
        self._seq += 1
        path = self.spool / "failed" / f"{time.time_ns()}-{os.getpid()}-{self._seq:05d}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            for unit, error in failed:
                data = json.loads(unit.to_json())
                data["error"] = error
                f.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.counts.failed += len(failed)
        for unit, error in failed:
            self.counts.errors.append(f"{unit.article.get('url')}: {error}")
            log.error("Elasticsearch refused %s: %s (kept in %s)", unit.article.get("url"), error, path)

    @staticmethod
    def _write(path: Path, units: Iterable[Unit]) -> None:
        # Write-then-rename so a crash never leaves half a spool file behind.
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                for unit in units:
                    f.write(unit.to_json() + "\n")
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            # A full disk: the half-written file would only hold the space the next try needs.
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, path)

    def _send(self, units: list[Unit]) -> tuple[list[Unit], list[Unit], list[tuple[Unit, str]], str]:
        """Writes units; returns (written, to retry later, refused with reason, why retry).

        A unit counts as written only when every operation it owns succeeded,
        including the entity documents it contributes to (shared by every unit
        of the batch that mentions the entity). With a story placer shared by
        several indexers (the spiders of one crawl), its lock is held from
        placing the batch until Elasticsearch has answered the write: another
        indexer's next batch, which may update this one's articles and stories,
        is placed only after they are stored, so the writes arrive in order.
        """
        with self.stories.lock if self.stories else contextlib.nullcontext():
            return self._send_placed(units)

    def _send_placed(self, units: list[Unit]) -> tuple[list[Unit], list[Unit], list[tuple[Unit, str]], str]:
        """The body of :meth:`_send`."""
        try:
            plan = self._operations(units)
            if not plan.ops:
                return units, [], [], ""
            response = self.es.bulk(operations=plan.ops, refresh=False)
            results = [(plan.owners[n], plan.entity_of[n], *_outcome(item))
                       for n, item in enumerate(response["items"])]
            conflicts = [eid for _, eid, status, _, _ in results if eid is not None and status == 409]
            if conflicts:
                self.counts.conflicts += len(conflicts)
                # Another writer changed these entities since they were read: merge again and retry.
                settled = self._write_entities(conflicts, plan.ours)
                results = [r for r in results if not (r[1] in settled and r[2] == 409)]
                results += [(plan.owners_of_entity[eid], eid, *outcome) for eid, outcome in settled.items()]
        except (ESConnectionError, ConnectionTimeout):
            self._down_until = time.monotonic() + self.retry_interval
            return [], units, [], "unreachable"
        except ApiError as e:
            error = e.body.get("error") if isinstance(e.body, dict) else None
            if e.meta.status in RETRYABLE or _is_block(error):
                return [], units, [], _why(e.meta.status, error if isinstance(error, dict) else None)
            return [], [], [(u, f"HTTP {e.meta.status}: {e}") for u in units], ""
        except SerializationError as e:
            # The documents, not Elasticsearch: retrying cannot help, so they fail (kept in spool/failed).
            return [], [], [(u, f"cannot encode the documents: {str(e)[:300]}") for u in units], ""
        except TransportError as e:
            self._down_until = time.monotonic() + self.retry_interval
            return [], units, [], f"transport error: {str(e)[:300]}"
        self._down_until = 0.0
        retry_ix: set[int] = set()
        failed_ix: dict[int, str] = {}
        why = ""
        for owners, eid, status, op, error in results:
            if status < 300 or (op == "delete" and status == 404):
                continue
            if status in RETRYABLE or _is_block(error) or (eid is not None and status == 409):
                retry_ix.update(owners)
                why = why or _why(status, error)
            else:
                for owner in owners:
                    failed_ix.setdefault(owner, json.dumps(error, ensure_ascii=False)[:500])
        ok = [u for i, u in enumerate(units) if i not in retry_ix and i not in failed_ix]
        retry = [u for i, u in enumerate(units) if i in retry_ix and i not in failed_ix]
        failed = [(units[i], why) for i, why in sorted(failed_ix.items())]
        return ok, retry, failed, why if retry else ""

    def _write_entities(self, eids: list[str], ours: dict[str, dict], attempts: int = 10) -> dict[str, tuple]:
        """Re-reads, merges and conditionally writes entities whose write lost a race.

        This Elasticsearch has no scripting, so a merge cannot run inside it;
        instead every entity write is conditional on the version that was read
        (if_seq_no / if_primary_term, or `create` for a new one) and a conflict
        means: read the newer document, merge this batch's contribution into
        it, try again. Entity documents only ever grow (unions, min/max), so
        merging into whatever is stored now loses nothing.

        Returns:
            {entity id: (status, op, error)} of the last attempt for each entity;
            status 409 when it still lost after `attempts` tries.
        """
        alias = store.alias("entities")
        pending = list(dict.fromkeys(eids))
        settled: dict[str, tuple] = {}
        for attempt in range(attempts):
            if attempt:
                time.sleep(random.uniform(0.005, 0.02) * attempt)
            ops: list[dict] = []
            for doc in self.es.mget(index=alias, ids=pending)["docs"]:
                eid = doc["_id"]
                stored = doc["_source"] if doc.get("found") else None
                ops += [_entity_action(alias, eid, doc), _merge_entity(stored, ours[eid])]
            response = self.es.bulk(operations=ops, refresh=False)
            pending = []
            for eid, item in zip((o["create" if "create" in o else "index"]["_id"] for o in ops[::2]),
                                 response["items"], strict=True):
                outcome = _outcome(item)
                settled[eid] = outcome
                if outcome[0] == 409:
                    pending.append(eid)
            if not pending:
                break
        if pending:
            log.warning("entities %s still changed by other writers after %d attempts; their articles are spooled",
                        pending, attempts)
        return settled

    def _operations(self, units: list[Unit]) -> _Plan:
        """Returns the bulk operations for units, with the units that own each operation."""
        articles, claims, entities = store.alias("articles"), store.alias("claims"), store.alias("entities")
        ids = [u.article["id"] for u in units]
        old_claims: dict[str, int] = {}
        found = self.es.mget(index=articles, ids=ids, source_includes=["claims_count"])
        for doc in found["docs"]:
            if doc.get("found"):
                old_claims[doc["_id"]] = int(doc["_source"].get("claims_count") or 0)
        mapping = self._cross_script_ids(units)
        for unit in units:
            _remap_ids(unit, mapping)
        plan = _Plan()
        stored = self._merged_entities(units, plan)
        merged = {eid: _merge_entity(stored[eid][1], ours) for eid, ours in plan.ours.items()}
        for doc in merged.values():
            self._remember(doc)

        # `indexed` is the moment of the write, not of the analysis: the editors'
        # feed pages by it with a short lag, which must cover only this request.
        stamp = documents._now()
        story_ops = self.stories.assign([u.article for u in units], [u.claims for u in units], stamp, self.es) \
            if self.stories else []
        for i, unit in enumerate(units):
            aid = unit.article["id"]
            unit.article["indexed"] = stamp
            for claim in unit.claims:
                claim["indexed"] = stamp
            plan.add((i,), {"index": {"_index": articles, "_id": aid}}, unit.article)
            for claim in unit.claims:
                plan.add((i,), {"index": {"_index": claims, "_id": claim["id"]}}, claim)
            # A changed article may now have fewer claims: remove the ones it no longer makes.
            for n in range(len(unit.claims), old_claims.get(aid, 0)):
                plan.add((i,), {"delete": {"_index": claims, "_id": f"{aid}-{n}"}})
        for owners, action, source in story_ops:
            plan.add(owners, action, source)
        for eid, doc in merged.items():
            plan.add(plan.owners_of_entity[eid], _entity_action(entities, eid, stored[eid][0]), doc, entity=eid)
        return plan

    def _remember(self, doc: dict) -> None:
        if self._recent_count > 50_000:
            self._recent.clear()
            self._recent_count = 0
        entry = (doc["id"], doc["label"], list(doc.get("aliases", [])))
        for key in doc.get("merge_keys", []):
            bucket = self._recent.setdefault(key, {})
            self._recent_count += doc["id"] not in bucket
            bucket.pop(doc["id"], None)
            bucket[doc["id"]] = entry  # the latest entry last, as before

    def _cross_script_ids(self, units: list[Unit]) -> dict[str, str]:
        """Returns {new id: stored id} for entities first seen here that spell a stored entity.

        An unknown Arabic name gets a romanised id ("fudafun") and its English
        coverage a Latin one ("vodafone"); the stored entities sharing a
        merge key are compared with nlp.idmatch.match_id, and a new id joins
        an old one only when exactly one stored entity of its label matches.
        A new id whose name (as searched: normalised) is stored under exactly
        one other id of its label joins that id, so a change in how slugs are
        made never splits an entity.
        """
        fresh: dict[str, dict] = {}
        for unit in units:
            for doc in unit.entities:
                fresh.setdefault(doc["id"], doc)
        keys = {k for doc in fresh.values() for k in doc.get("merge_keys", [])}
        if not keys:
            return {}
        alias = store.alias("entities")
        stored = self.es.mget(index=alias, ids=list(fresh))["docs"]
        # Gazetteer ids are canonical: they absorb others, never the reverse.
        known = gazetteer()
        unknown = [d["_id"] for d in stored if not d.get("found") and known.get(d["_id"]) is None]
        if not unknown:
            return {}
        hits = self.es.search(
            index=alias, size=200, query={"terms": {"merge_keys": sorted(keys)}},
            source_includes=["id", "label", "aliases", "merge_keys"],
        )["hits"]["hits"]
        # One search serves the whole batch; each name is then weighed only against the stored
        # entities that share one of its own keys (not every candidate of every name in the batch:
        # that made the work grow with the batch and the result depend on what else it held).
        by_key: dict[str, list[tuple[str, str, list[str]]]] = {}
        for h in hits:
            cand = (h["_source"]["id"], h["_source"]["label"], h["_source"].get("aliases", []))
            for k in h["_source"].get("merge_keys", []):
                by_key.setdefault(k, []).append(cand)
        # Entities written moments ago are not searchable until the next refresh;
        # the ones this indexer wrote are remembered so they can be matched at once.
        mapping: dict[str, str] = {}
        # Candidates recur from name to name of the batch: their aliases' search forms and their
        # aliases of each script are worked out once per batch.
        forms: dict[str, str] = {}
        scripts: dict[tuple[str, ...], dict[bool, list[str]]] = {}

        def form(name: str) -> str:
            got = forms.get(name)
            if got is None:
                got = forms[name] = search_form(name)
            return got

        def by_script(aliases: list[str]) -> dict[bool, list[str]]:
            key = tuple(aliases)
            got = scripts.get(key)
            if got is None:
                got = scripts[key] = split_scripts(aliases)
            return got

        for eid in unknown:
            doc = fresh[eid]
            mine = doc.get("merge_keys", [])
            found = {c[0]: c for k in mine for c in by_key.get(k, [])}
            recent = [c for k in mine for c in self._recent.get(k, {}).values()]
            others = [c for c in [*found.values(), *recent] if c[0] != eid]
            target = spelled_id(doc["label"], doc.get("aliases", []), others, form, by_script)
            if target:
                mapping[eid] = target
            else:
                self._remember(doc)
        return mapping

    def _merged_entities(self, units: list[Unit], plan: _Plan) -> dict[str, tuple[dict, dict | None]]:
        """Fills plan.ours (each entity merged over the batch) and its owners; returns {id: (mget doc, source)}.

        The mget docs carry the _seq_no and _primary_term each write is made conditional on.
        """
        for i, unit in enumerate(units):
            for doc in unit.entities:
                owners = plan.owners_of_entity.setdefault(doc["id"], ())
                if i not in owners:
                    plan.owners_of_entity[doc["id"]] = (*owners, i)
                plan.ours[doc["id"]] = _merge_entity(plan.ours.get(doc["id"]), doc)
        stored: dict[str, tuple[dict, dict | None]] = {}
        if plan.ours:
            for doc in self.es.mget(index=store.alias("entities"), ids=list(plan.ours))["docs"]:
                stored[doc["_id"]] = (doc, doc["_source"] if doc.get("found") else None)
        return stored


@dataclass
class _Plan:
    """One bulk request: operation lines, the units owning each operation, and the entity writes in it."""

    ops: list[dict] = field(default_factory=list)
    owners: list[tuple[int, ...]] = field(default_factory=list)
    entity_of: list[str | None] = field(default_factory=list)
    ours: dict[str, dict] = field(default_factory=dict)
    owners_of_entity: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, owners: tuple[int, ...], action: dict, source: dict | None = None, entity: str | None = None):
        self.ops.append(action)
        if source is not None:
            self.ops.append(source)
        self.owners.append(owners)
        self.entity_of.append(entity)


def _entity_action(index: str, eid: str, mget_doc: dict) -> dict:
    """Returns the bulk action writing entity eid only if it is still the version mget_doc read."""
    if mget_doc.get("found"):
        return {"index": {"_index": index, "_id": eid, "if_seq_no": mget_doc["_seq_no"],
                          "if_primary_term": mget_doc["_primary_term"]}}
    return {"create": {"_index": index, "_id": eid}}


def _outcome(item: dict) -> tuple[int, str, dict | None]:
    """Returns (status, operation, error) of one bulk response item."""
    op, result = next(iter(item.items()))
    return result.get("status", 500), op, result.get("error")


def _is_block(error: object) -> bool:
    """Returns whether a bulk item or request error is an index or cluster block (read-only, disk full)."""
    return isinstance(error, dict) and error.get("type") == "cluster_block_exception"


def _why(status: int, error: dict | None) -> str:
    """Returns a one-line reason for a write Elasticsearch refused for now, naming what to do about a block."""
    reason = str((error or {}).get("reason") or (error or {}).get("type") or "no reason given")[:300]
    if status == 409:
        return f"other writers kept changing an entity document ({reason})"
    if _is_block(error):
        return (f"Elasticsearch refuses writes (HTTP {status}, index blocked: {reason.rstrip(';')}); "
                "free disk space or lift the block, then run `marsad spool replay`")
    return f"Elasticsearch rejected the write with HTTP {status} ({reason})"


def _remap_ids(unit: Unit, mapping: dict[str, str]) -> None:
    """Rewrites entity ids in every document of a unit (article, analysis, claims, entities)."""
    if not mapping:
        return

    def swap(values: list[str]) -> list[str]:
        return sorted({mapping.get(v, v) for v in values})

    art = unit.article
    art["entity_ids"] = swap(art.get("entity_ids", []))
    art["speaker_ids"] = swap(art.get("speaker_ids", []))
    analysis = art.get("analysis") or {}
    for e in analysis.get("entities", []):
        e["id"] = mapping.get(e.get("id"), e.get("id"))
    for c in analysis.get("claims", []):
        if c.get("speaker") and c["speaker"].get("id"):
            c["speaker"]["id"] = mapping.get(c["speaker"]["id"], c["speaker"]["id"])
    for claim in unit.claims:
        claim["entity_ids"] = swap(claim.get("entity_ids", []))
        if claim.get("speaker") and claim["speaker"].get("id"):
            claim["speaker"]["id"] = mapping.get(claim["speaker"]["id"], claim["speaker"]["id"])
    merged: dict[str, dict] = {}
    for doc in unit.entities:
        old = doc["id"]
        doc["id"] = mapping.get(old, old)
        if doc["id"] != old:
            # The merged id keeps answering (../shared/CONTRACT.md): the API finds it here.
            doc["absorbed"] = sorted({*doc.get("absorbed", []), old})
        merged[doc["id"]] = _merge_entity(merged.get(doc["id"]), doc)
    unit.entities = list(merged.values())


def _merge_entity(old: dict | None, new: dict) -> dict:
    """Returns the union of two partial documents of one entity (aliases, absorbed ids, languages, first/last seen)."""
    if old is None:
        return dict(new)
    aliases = sorted(set(old.get("aliases", [])) | set(new.get("aliases", [])))
    name = old.get("name") or new.get("name")
    absorbed = sorted(set(old.get("absorbed", [])) | set(new.get("absorbed", [])))
    return {
        **({"absorbed": absorbed} if absorbed else {}),
        "id": new["id"],
        "name": name,
        "label": old.get("label") or new.get("label"),
        "aliases": aliases,
        "alias_forms": sorted(set(old.get("alias_forms", [])) | set(new.get("alias_forms", []))),
        "merge_keys": sorted(set(old.get("merge_keys", [])) | set(new.get("merge_keys", []))),
        "names_form": " ".join(search_form(n) for n in sorted(set(aliases) | {name})),
        "langs": sorted(set(old.get("langs", [])) | set(new.get("langs", []))),
        "first_seen": min(x for x in (old.get("first_seen"), new.get("first_seen")) if x),
        "last_seen": max(x for x in (old.get("last_seen"), new.get("last_seen")) if x),
        "indexed": new.get("indexed") or old.get("indexed"),
    }
