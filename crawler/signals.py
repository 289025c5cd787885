"""Marsad's own crawler signals."""

from __future__ import annotations

# Sent with urls=[link URLs] and status="indexed"|"spooled" once articles are safe
# (written to Elasticsearch or to the spool); the resume state listens to it.
articles_committed = object()
