"""The crawler's DNS resolver: Scrapy's caching resolver, refusing names that resolve to internal addresses.

A configured news domain is trusted to name the site, not to point anywhere:
a subdomain someone else controls, or a hijacked record, could resolve to
127.0.0.1, a cloud metadata service (169.254.169.254) or the local network,
and turn the crawler into a tool against its own machine. The check sits in
the resolver, so the address checked is the address connected to (no second
lookup that DNS rebinding could answer differently).

Addresses written literally in a URL (``http://127.0.0.1:18765/``) are left to
crawler.middlewares.SiteGuardMiddleware, which lets a non-public one through
only when a source lists exactly that address (the demo site and the tests).
"""

from __future__ import annotations

import ipaddress
import logging

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

log = logging.getLogger(__name__)


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Returns host as an IP address when it is written as one (IPv6 with or without brackets), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Returns why an address is no place for a news crawl (loopback, link-local, private …), or None."""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:
        return "non-public"
    return None


class PublicAddressResolver(CachingThreadedResolver):
    """Resolves host names like Scrapy's default resolver; fails those that resolve to an internal address."""

    stats = None

    @classmethod
    def from_crawler(cls, crawler, reactor):
        """Returns the resolver, counting refusals in the crawler's stats (``marsad/blocked/address``) if any.

        Scrapy builds the resolver from the crawler process, which has no stats, when it runs several spiders.
        """
        o = super().from_crawler(crawler, reactor)
        o.stats = getattr(crawler, "stats", None)
        return o

    def getHostByName(self, name: str, timeout=()):  # noqa: N802 - Twisted's interface
        """Returns a Deferred of the address; a DNSLookupError when a name resolves to an internal one."""
        d = super().getHostByName(name, timeout)
        if literal_address(name) is None:
            d.addCallback(self._refuse_internal, name, self.stats)
        return d

    @staticmethod
    def _refuse_internal(address: str, name: str, stats=None) -> str:
        why = internal(ipaddress.ip_address(address))
        if why:
            # Twisted replaces this error's text with its own "no results", hence the log line.
            message = f"{name} resolves to {address}, a {why} address: not crawled"
            log.warning("%s", message)
            if stats is not None:
                stats.inc_value("marsad/blocked/address")
            raise DNSLookupError(message)
        return address
