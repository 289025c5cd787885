"""``marsad crawl``: run the spiders over the configured sources; every article is analysed and indexed.

Exit status: 0 when every article found was indexed; 75 (EX_TEMPFAIL) when
some wait in the spool because Elasticsearch was unreachable (nothing is
lost; the next crawl or ``marsad spool replay`` sends them); 1 when articles
failed (refused by Elasticsearch or crashed the analysis) or the
configuration is wrong; 3 when not a single page could be fetched; 69
(EX_UNAVAILABLE) when a worker of a shared frontier stopped because Redis
stayed unreachable for MARSAD_CRAWL_FRONTIER_WAIT seconds or came back
empty (nothing stored is lost; what the worker held goes back to the queue
one lease after Redis returns); 74 (EX_IOERR) when the spool could not be
written (a full disk while Elasticsearch was unreachable): the crawl stopped
taking work, everything acknowledged is in Elasticsearch or the spool, and
the articles it could not write are fetched again by the next run.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from pathlib import Path

from marsad import config

log = logging.getLogger("marsad.crawl")

EXIT_OK, EXIT_FAILED, EXIT_NOTHING, EXIT_FRONTIER, EXIT_SPOOL_FULL, EXIT_SPOOLED = 0, 1, 3, 69, 74, 75
# Finish reasons of a worker that lost its shared frontier (crawler.frontier).
FRONTIER_REASONS = ("frontier_unreachable", "frontier_lost")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="marsad crawl", description="Crawl news sources; analyse and index every article.")
    p.add_argument("--sources", type=Path, help="sources file (default: MARSAD_CRAWL_SOURCES or crawler/sources.yml)")
    p.add_argument("--source", action="append", default=[], metavar="NAME", help="crawl only this source (repeatable)")
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="crawl this RSS/Atom feed (repeatable)")
    p.add_argument("--sitemap", action="append", default=[], metavar="URL",
                   help="crawl this sitemap or sitemap index (repeatable)")
    p.add_argument("--lang", choices=["ar", "en"], help="language hint for --feed/--sitemap pages")
    p.add_argument("--allow-domain", action="append", default=[], metavar="DOMAIN",
                   help="also follow links to this domain from --feed/--sitemap")
    p.add_argument("--jobdir", type=Path,
                   help="resume state of this crawl (default: <state>/job); removed after a finished crawl")
    p.add_argument("--fresh", action="store_true", help="ignore the saved state of an interrupted crawl")
    p.add_argument("--no-replay", action="store_true", help="do not replay the spool before crawling")
    p.add_argument("--max-articles", type=int, help="stop each spider after this many articles")
    p.add_argument("--demo", action="store_true",
                   help="crawl the bundled demo news site (served locally); also used when the machine is offline")
    p.add_argument("--frontier", metavar="redis://HOST:PORT/DB",
                   help="share the queue and seen URLs with other workers via Redis (default: MARSAD_CRAWL_FRONTIER)")
    p.add_argument("--reset-frontier", action="store_true",
                   help="empty the shared frontier (queues and seen URLs) for a new round of crawls, then exit; "
                        "refused while a worker is running")
    p.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)  # fetch only: the benchmark's baseline
    p.add_argument("-v", "--verbose", action="store_true", help="Scrapy's own log at INFO level")
    return p


def _online(chosen, timeout: float = 3.0) -> bool:
    """Returns whether any source host resolves (a quick look before waiting on timeouts)."""
    import socket
    from urllib.parse import urlsplit

    hosts = sorted({urlsplit(u).hostname for s in chosen for u in s.feeds + s.sitemaps} - {None})[:3]
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        for host in hosts:
            try:
                socket.getaddrinfo(host, 443)
                return True
            except OSError:
                continue
        return False
    finally:
        socket.setdefaulttimeout(previous)


def _start_demo_site():
    """Starts the bundled demo news site (crawler/demo) on 127.0.0.1; returns (server, sources, description)."""
    from marsad.crawler import demo

    try:
        server = demo.DemoServer().start()
    except (OSError, demo.DemoDataError) as e:
        raise RuntimeError(f"the demo site could not start: {e}") from e
    s = demo.summary()
    about = (f"{s['articles']} articles on {s['stories']} stories from {s['outlets']} outlets "
             f"in Arabic and English at {server.url}/")
    return server, demo.sources(server.url), about


class Progress:
    """One live line on a terminal, or a log line every few seconds; reads every crawler's stats."""

    def __init__(self, crawlers, stream, interval: float):
        self.crawlers = crawlers
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = 0.5 if self.tty else interval
        self.started = time.monotonic()
        self._call = None

    def start(self) -> None:
        from twisted.internet import task

        self._call = task.LoopingCall(self.show)
        self._call.start(self.interval, now=False)

    def stop(self) -> None:
        if self._call and self._call.running:
            self._call.stop()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def show(self) -> None:
        s = totals(self.crawlers)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        line = (f"pages {s['pages']} | articles {s['articles']} | claims {s['claims_found']} | "
                f"spooled {s['spooled']} | errors {s['errors']} | {s['pages'] / elapsed:.1f} pages/s")
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
            self.stream.flush()
        else:
            log.info("%s", line)


def _stat(stats: dict, prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def totals(crawlers) -> dict:
    """Returns the run's counts summed over crawlers."""
    out = {"pages": 0, "articles": 0, "indexed": 0, "claims": 0, "claims_found": 0, "spooled": 0, "failed": 0,
           "errors": 0, "not_modified": 0, "skipped": 0, "blocked": 0, "reserved": 0, "dropped": {}, "finish": [],
           "spool_reasons": [], "unwritten": 0, "spool_full": [], "pauses": 0, "paused_s": 0.0}
    for crawler in crawlers:
        st = crawler.stats.get_stats() if crawler.stats else {}
        out["pages"] += st.get("response_received_count", 0)
        out["articles"] += st.get("item_scraped_count", 0)
        out["indexed"] += st.get("marsad/indexed", 0)
        out["claims"] += st.get("marsad/claims", 0)
        out["claims_found"] += st.get("marsad/claims_found", 0)
        out["spooled"] += st.get("marsad/spooled", 0)
        out["spool_reasons"] += [r for r in st.get("marsad/spool_reasons", []) if r not in out["spool_reasons"]]
        out["failed"] += st.get("marsad/index_failed", 0) + st.get("marsad/failed", 0)
        # Pages given up on (after retries) log an error; 4xx pages are ignored with a stat.
        out["errors"] += st.get("log_count/ERROR", 0) + st.get("httperror/response_ignored_count", 0)
        out["not_modified"] += st.get("marsad/not_modified", 0)
        out["skipped"] += _stat(st, "marsad/skipped/")
        out["reserved"] += st.get("marsad/tdm/reserved", 0)
        out["unwritten"] += st.get("marsad/unwritten", 0)
        out["pauses"] += st.get("marsad/index/backpressure_pauses", 0)
        out["paused_s"] += st.get("marsad/index/backpressure_seconds", 0.0)
        if st.get("marsad/spool_full") and st["marsad/spool_full"] not in out["spool_full"]:
            out["spool_full"].append(st["marsad/spool_full"])
        out["blocked"] += (_stat(st, "marsad/blocked/") + st.get("offsite/filtered", 0)
                           + st.get("robotstxt/forbidden", 0))
        for k, v in st.items():
            if k.startswith("marsad/dropped/"):
                reason = k.split("/", 2)[2]
                out["dropped"][reason] = out["dropped"].get(reason, 0) + v
        if st.get("finish_reason"):
            out["finish"].append(f"{crawler.spider.name if crawler.spider else '?'}: {st['finish_reason']}")
    return out


def _settings(args):
    from marsad.crawler import settings as project
    from scrapy.settings import Settings

    s = Settings()
    s.setmodule(project, priority="project")
    s.update(project.from_marsad_config(), priority="cmdline")
    s.set("JOBDIR", None, priority="default")
    if args.max_articles is not None:
        s.set("CLOSESPIDER_ITEMCOUNT", args.max_articles, priority="cmdline")
    s.set("LOG_LEVEL", "INFO" if args.verbose else "WARNING", priority="cmdline")
    if args.bare:
        s.set("ITEM_PIPELINES", {}, priority="cmdline")
    return s


def _indices_missing() -> str | None:
    """Returns a message when Elasticsearch answers but the aliases are missing, or their indices hold search
    forms of another version (nlp.normalize.FORMS_VERSION); None otherwise.

    An unreachable Elasticsearch is no reason not to crawl: articles are spooled.
    """
    from elastic_transport import TransportError
    from marsad.nlp.normalize import FORMS_VERSION

    from marsad import indices, store

    kinds = ("articles", "claims", "entities")
    try:
        es = store.client(max_retries=0, request_timeout=5)
        missing = [k for k in kinds if not es.indices.exists_alias(name=store.alias(k))]
        if missing:
            return f"Elasticsearch has no {', '.join(store.alias(k) for k in missing)}: run `marsad index init` first"
        # Documents written with other search forms than the indices hold would not be found by their words.
        older = indices.older_forms(es, [store.alias(k) for k in kinds])
    except TransportError:
        return None
    if older:
        return (f"{', '.join(older)} hold(s) search forms other than this Marsad's (v{FORMS_VERSION}): "
                "run `marsad index init`, which remakes them, first")
    return None


def _replay() -> tuple[int, int, int]:
    """Replays the spool; returns (replayed, failed, still waiting in files)."""
    from marsad import store
    from marsad.indexer import Indexer

    indexer = Indexer(store.client())
    if not indexer.pending_files():
        return 0, 0, 0
    counts = indexer.replay()
    return counts.replayed, counts.failed, len(indexer.pending_files())


def main(argv: list[str]) -> int:
    """Runs ``marsad crawl``; returns the exit status."""
    args = build_parser().parse_args(argv)
    from marsad.crawler import frontier
    from marsad.crawler import sources as sources_mod

    from marsad import store

    if args.reset_frontier:
        return _reset_frontier(args.frontier)
    demo = None
    try:
        if args.demo:
            demo, chosen, about = _start_demo_site()
            print(f"marsad crawl: crawling the bundled demo site (invented articles): {about}", file=sys.stderr)
        elif args.feed or args.sitemap:
            chosen = sources_mod.ad_hoc(args.feed, args.sitemap, args.lang, args.allow_domain)
            if args.source:
                path = args.sources or Path(config.get(config.CRAWL_SOURCES) or sources_mod.DEFAULT_FILE)
                chosen += sources_mod.select(sources_mod.load(path), args.source)
        else:
            path = args.sources or Path(config.get(config.CRAWL_SOURCES) or sources_mod.DEFAULT_FILE)
            every = sources_mod.load(path)
            chosen = sources_mod.select(every, args.source)
            _note_disabled(every, chosen)
        settings = _settings(args)
        store.prefix()
        es_url = store.es_url()
        frontier_url = frontier.url_from(args.frontier)
        if frontier_url:
            frontier.check(frontier_url)
            settings.update(frontier.settings(frontier_url, store.prefix()), priority="cmdline")
        problem = None if args.bare else _indices_missing()
        if problem:
            raise config.ConfigError(problem)
        if not (args.demo or args.feed or args.sitemap or args.source or args.sources) and not _online(chosen):
            demo, chosen, about = _start_demo_site()
            print("marsad crawl: no source host resolves (offline?); crawling the bundled demo site "
                  f"(invented articles) instead: {about}", file=sys.stderr)
        if demo is not None:
            # Our own loopback server: no need to be gentle with it.
            settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
            settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")
            settings.set("MARSAD_RETRY_BACKOFF", 0.2, priority="cmdline")
    except (sources_mod.SourcesError, config.ConfigError, store.StoreUnavailable, RuntimeError,
            frontier.FrontierError) as e:
        print(f"marsad crawl: {e}", file=sys.stderr)
        if demo is not None:
            demo.stop()
        return EXIT_FAILED
    try:
        return _crawl(args, chosen, settings, es_url)
    finally:
        if demo is not None:
            demo.stop()


def _note_disabled(every, chosen) -> None:
    """Says which sources are off by default (left out, or crawled because they were named)."""
    left_out = [s.name for s in every if not s.enabled and s not in chosen]
    if left_out:
        print(f"marsad crawl: not crawling {', '.join(left_out)} (disabled in the sources file; see their terms "
              "there, and name one with --source to crawl it)", file=sys.stderr)
    for s in chosen:
        if not s.enabled:
            print(f"marsad crawl: {s.name} is disabled by default (terms: {s.terms or 'not recorded'}); crawling it "
                  "because it was named", file=sys.stderr)


def _reset_frontier(arg: str | None) -> int:
    """Empties the shared frontier of this index prefix unless a worker still uses it; returns the exit status."""
    from marsad.crawler import frontier

    from marsad import store

    try:
        url = frontier.url_from(arg)
        if url is None:
            raise frontier.FrontierError(f"--reset-frontier needs --frontier or {frontier.ENV}")
        frontier.check(url)
        prefix = store.prefix()
        live = frontier.live_workers(url, prefix)
        if live:
            raise frontier.FrontierError(f"{len(live)} worker(s) still use the frontier at {url} "
                                         f"({', '.join(live)}); stop them first")
    except (frontier.FrontierError, config.ConfigError) as e:
        print(f"marsad crawl: {e}", file=sys.stderr)
        return EXIT_FAILED
    removed = frontier.reset(url, prefix)
    print(f"frontier reset: {removed} key(s) removed from {url} [{prefix}]", file=sys.stderr)
    return EXIT_OK


def _crawl(args, chosen, settings, es_url: str) -> int:
    """Replays the spool, runs the spiders over chosen sources, prints the summary; returns the exit status."""
    from marsad import spool, store

    replayed = replay_failed = 0
    if not args.no_replay:
        try:
            replayed, replay_failed, waiting = _replay()
            if replayed or replay_failed or waiting:
                print(f"spool: replayed {replayed}, failed {replay_failed}, files still waiting {waiting}",
                      file=sys.stderr)
        except Exception as e:  # noqa: BLE001 - a replay problem must not stop the crawl; the spool stays
            print(f"spool: not replayed ({e}); it stays in {spool.spool_dir()}", file=sys.stderr)

    from marsad.crawler.spiders.feeds import FeedSpider
    from marsad.crawler.spiders.sitemaps import SitemapSpider
    from scrapy.crawler import CrawlerProcess

    jobroot = args.jobdir or spool.state_dir() / "job"
    # `marsad` already logs to stderr; Scrapy's chatter only with -v. Its constructor resets its
    # loggers to DEBUG and logs a start-up banner, so that is muted while it runs.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if not args.verbose:
        logging.disable(logging.INFO)
    try:
        process = CrawlerProcess(settings)
    finally:
        logging.disable(logging.NOTSET)
    for name in ("scrapy", "twisted", "py.warnings", "protego"):
        logging.getLogger(name).setLevel(logging.INFO if args.verbose else logging.WARNING)
    crawlers = []
    for spidercls in (FeedSpider, SitemapSpider):
        mine = [s for s in chosen if spidercls.wants(s)]
        if not mine:
            continue
        jobdir = jobroot / spidercls.name
        if args.fresh and jobdir.exists():
            shutil.rmtree(jobdir)
        # Each spider resumes from its own job directory.
        job_spider = type(spidercls.__name__, (spidercls,), {"custom_settings": {"JOBDIR": str(jobdir)}})
        crawler = process.create_crawler(job_spider)
        process.crawl(crawler, sources=mine)
        crawlers.append((crawler, jobdir))
    if not crawlers:
        print("marsad crawl: no feeds or sitemaps to crawl", file=sys.stderr)
        return EXIT_FAILED
    progress = Progress([c for c, _ in crawlers], sys.stderr,
                        config.get_float(config.CRAWL_PROGRESS_INTERVAL, minimum=0.1))
    started = time.monotonic()
    progress.start()
    try:
        process.start()
    finally:
        progress.stop()
    elapsed = time.monotonic() - started

    for crawler, jobdir in crawlers:
        # A finished crawl leaves nothing to resume; an interrupted one keeps its state.
        if crawler.stats.get_value("finish_reason") in ("finished", "closespider_itemcount") and jobdir.exists():
            shutil.rmtree(jobdir, ignore_errors=True)
    t = totals([c for c, _ in crawlers])
    t["failed"] += replay_failed
    spool_files = len(spool.pending_files(spool.spool_dir()))
    dropped = ", ".join(f"{k} {v}" for k, v in sorted(t["dropped"].items())) or "none"
    summary = [
        f"crawl finished in {elapsed:.1f} s ({', '.join(t['finish'])}) into {es_url} [{store.prefix()}]",
        f"  pages {t['pages']} ({t['pages'] / max(elapsed, 1e-6):.1f}/s), articles {t['articles']}, "
        f"claims {t['claims']}",
        f"  indexed {t['indexed']}, spooled {t['spooled']}, failed {t['failed']}, replayed from spool {replayed}",
        f"  not modified {t['not_modified']}, skipped {t['skipped']}, reserved by the publisher (TDMRep) "
        f"{t['reserved']}, blocked (robots.txt, off-site, scheme) {t['blocked']}, errors {t['errors']}",
        f"  dropped: {dropped}",
    ]
    if spool_files:
        summary.append(f"  spool: {spool_files} file(s) wait in {spool.spool_dir()}; "
                       "run `marsad spool replay` when Elasticsearch is back")
    if t["pauses"]:
        summary.append(f"  back-pressure: downloads paused {t['pauses']} time(s), {t['paused_s']:.1f} s in all, "
                       "while the index writer caught up with Elasticsearch")
    for reason in t["spool_reasons"]:
        summary.append(f"  spooled because: {reason}")
    for reason in t["spool_full"]:
        summary.append(f"  spool full: {reason}; stopped taking work; {t['unwritten']} article(s) not written "
                       "are fetched again by the next run once there is space")
    lost_frontier = sorted({r for c, _ in crawlers if (r := c.stats.get_value("finish_reason")) in FRONTIER_REASONS})
    if lost_frontier:
        summary.append("  the shared frontier (Redis) " + (
            "came back without its data: start a new round with --reset-frontier" if "frontier_lost" in lost_frontier
            else f"stayed unreachable for more than {config.get(config.CRAWL_FRONTIER_WAIT)} s "
                 f"({config.CRAWL_FRONTIER_WAIT.name}): start this worker again once Redis is back; what it held "
                 "returns to the queue one lease after that"))
    print("\n".join(summary), file=sys.stderr)
    if t["failed"]:
        return EXIT_FAILED
    if lost_frontier:
        return EXIT_FRONTIER
    if t["spool_full"]:
        return EXIT_SPOOL_FULL
    if t["spooled"] or spool_files:
        return EXIT_SPOOLED
    if t["pages"] == 0:
        if settings.get("SCHEDULER") == "marsad.crawler.frontier.LeasedScheduler" and not any(
                c.stats.get_value("scheduler/dequeued/redis") for c, _ in crawlers):
            # Not a failure: the other workers had already taken everything.
            print("  the shared frontier had nothing left for this worker", file=sys.stderr)
            return EXIT_OK
        return EXIT_NOTHING
    return EXIT_OK
