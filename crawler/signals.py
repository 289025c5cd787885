"""Marsad's own crawler signals."""

from __future__ import annotations

# Sent with urls=[link URLs] and status="indexed"|"spooled" once articles are safe
# (written to Elasticsearch or to the spool); the resume state listens to it.
articles_committed = object()

# Sent with request= and items=N when a callback's output is used up (crawler.frontier's
# lease middleware): the request is done once those N items are dropped or committed.
callback_done = object()

# Sent by the shared frontier when it needs every scraped item committed now (before it
# releases the requests they came from); the index pipeline flushes its batch.
commit_requested = object()
