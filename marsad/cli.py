"""The `marsad` command: one entry point, one subcommand per job (see ../shared/CONTRACT.md)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from marsad import config
from marsad.torchless import lean_process

# An entry point: keep PyTorch and spaCy's command line out of this process before anything imports spaCy.
lean_process()

# Subcommands whose implementation lives with its component: each is a main(argv) -> int,
# imported when its subcommand runs (so `marsad crawl` does not load the API, nor `marsad es` spaCy).


def _extract(argv: list[str]) -> int:
    from marsad.extract import main

    return main(argv)


def _eval(argv: list[str]) -> int:
    from marsad.evaluate_cli import main

    return main(argv)


def _eval_ner(argv: list[str]) -> int:
    from marsad.eval_ner import main

    return main(argv)


def _eval_parallel(argv: list[str]) -> int:
    from marsad.eval_parallel import main

    return main(argv)


def _eval_stories(argv: list[str]) -> int:
    from marsad.eval_stories import main

    return main(argv)


def _stories(argv: list[str]) -> int:
    from marsad.stories_cli import main

    return main(argv)


def _crawl(argv: list[str]) -> int:
    from marsad.crawler.cli import main

    return main(argv)


def _serve(argv: list[str]) -> int:
    from marsad.api.cli import main

    return main(argv)


def _spool(argv: list[str]) -> int:
    from marsad.crawler.spool_cli import main

    return main(argv)


DELEGATED = {
    "extract": (_extract, "Analyse one text or HTML page (or a JSON-lines batch) and print JSON."),
    "eval": (_eval, "Score the NLP stage on the gold set in tests/gold/."),
    "eval-ner": (_eval_ner, "Score the Arabic NER model, the rules and both combined on NewsFANE's test blocks."),
    "eval-parallel": (_eval_parallel, "Compare entity ids of English news and its Arabic translation (NTREX)."),
    "eval-stories": (_eval_stories, "Score stories, copies and claim groups on tests/stories/."),
    "stories": (_stories, "Recompute stories, copies and claim groups from the index (rebuild)."),
    "crawl": (_crawl, "Run the spiders; every article is analysed and indexed."),
    "serve": (_serve, "Serve the API and web pages."),
    "spool": (_spool, "Show or replay items spooled while Elasticsearch was unreachable."),
}


def _es(args: argparse.Namespace) -> int:
    from marsad import esnode

    if args.action == "start":
        if args.nodes > 1:
            states = esnode.start_cluster(args.nodes)
            print(",".join(s.url for s in states))
        else:
            print(esnode.start().url)
        return 0
    if args.action == "stop":
        stopped = esnode.stop()
        nodes = esnode.stop_cluster()
        print("stopped" if stopped or nodes else "not running")
        return 0
    info = esnode.status()
    cluster = [{"pid": s.pid, "url": s.url, "home": s.home} for s in esnode.cluster_states()]
    if cluster:
        info["cluster"] = cluster
    print(json.dumps(info, indent=2))
    return 0 if info["running"] or cluster else 3


def _index(args: argparse.Namespace) -> int:
    from marsad import indices, store

    report = indices.init(store.client(), keep_old=args.keep_old)
    for line in report.lines:
        print(line)
    print("changed" if report.changed else "nothing to change")
    return 0


def _config(args: argparse.Namespace) -> int:
    if args.markdown:
        print(config.markdown_table())
    else:
        for s in config.SETTINGS.values():
            print(f"{s.name}={config.get(s)}")
    return 0


def _url_for_errors() -> str:
    from marsad.store import StoreUnavailable, es_url

    try:
        return es_url()
    except StoreUnavailable:
        return "(none configured)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic/English news monitoring and claim extraction.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at debug level")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in DELEGATED.items():
        sub.add_parser(name, help=help_text, add_help=False)
    es = sub.add_parser("es", help="Manage the local single-node Elasticsearch.")
    es.add_argument("action", choices=["start", "stop", "status"])
    es.add_argument(
        "--nodes", type=int, default=1, help="start a local cluster of N nodes (ports from MARSAD_ES_PORT up)"
    )
    es.set_defaults(func=_es)
    index = sub.add_parser("index", help="Manage index templates, indices and aliases.")
    index.add_argument("action", choices=["init"])
    index.add_argument("--keep-old", action="store_true", help="keep superseded index versions after a migration")
    index.set_defaults(func=_index)
    cfg = sub.add_parser("config", help="Print every setting and its current value.")
    cfg.add_argument("--markdown", action="store_true", help="print the settings table with defaults and meanings")
    cfg.set_defaults(func=_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    # Delegated subcommands parse their own arguments: hand them the rest of the
    # command line verbatim, so "--feed URL" keeps its order.
    first = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if first is not None and argv[first] in DELEGATED:
        args = parser.parse_args(argv[:first] + [argv[first]])
        rest = argv[first + 1 :]
    else:
        args, unknown = parser.parse_known_args(argv)
        rest = None
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # The client logs every request at INFO; that belongs in debug output only.
    logging.getLogger("elastic_transport").setLevel(logging.DEBUG if args.verbose else logging.CRITICAL)
    if rest is not None:
        return DELEGATED[args.command][0](rest)
    if unknown:
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    from elastic_transport import ConnectionError as ESConnectionError
    from elasticsearch import ApiError

    from marsad.esnode import NodeError
    from marsad.indices import IndexConfigError
    from marsad.store import StoreUnavailable

    try:
        return args.func(args)
    except (config.ConfigError, NodeError, IndexConfigError, StoreUnavailable) as e:
        print(f"marsad {args.command}: {e}", file=sys.stderr)
        return 1
    except ESConnectionError as e:
        print(f"marsad {args.command}: Elasticsearch at {_url_for_errors()} is unreachable: {e}", file=sys.stderr)
        return 1
    except ApiError as e:
        print(f"marsad {args.command}: Elasticsearch refused the request: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
