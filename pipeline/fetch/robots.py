"""What a host's robots.txt allows, read as RFC 9309 says (parsing by protego).

This module only interprets answers; ``pipeline.fetch.http.HostLimiter`` fetches each host's
robots.txt once per run (with the usual deadline and a 512 KiB cap) and caches the rules.

* 2xx: the file's rules apply to our product token (``rcwire``), else to ``*``.
* 4xx (RFC 9309 2.3.1.3 "unavailable"), and more redirects than we follow: everything is
  allowed.
* 5xx, 429, network errors, deadlines, refused addresses, a file over the cap (2.3.1.4
  "unreachable"): everything is disallowed for this run.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

# RFC 9309 2.5: crawlers must parse at least 500 KiB.
ROBOTS_MAX_BYTES = 512 * 1024
# Crawl-delay is not in RFC 9309; honoured up to this many seconds (one request a minute)
# so a run stays bounded; above every default delay, so a site's wish always wins.
MAX_CRAWL_DELAY = 60.0
_UNAVAILABLE_REASONS = ("too_many_redirects", "redirect_loop")


@dataclass(frozen=True)
class RobotsRules:
    """One host's rules, or the reason everything on it is disallowed."""

    url: str
    parser: Protego | None = None
    disallow_all: str | None = None
    # Why robots.txt could not be read (``blocked_address`` ...), when it could not.
    failure: str | None = None

    def allows(self, url: str, token: str) -> bool:
        """May ``token`` fetch ``url``?"""
        if self.disallow_all is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, token)

    def crawl_delay(self, token: str) -> float | None:
        """Seconds between requests the file asks of ``token`` (capped), if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(token)
        return None if delay is None else min(float(delay), MAX_CRAWL_DELAY)

    def why_not(self, url: str, token: str) -> str:
        """A one-line reason for a refusal."""
        if self.disallow_all is not None:
            return f"{self.url} {self.disallow_all}: every page disallowed (RFC 9309 2.3.1.4)"
        return f"{self.url} disallows {urlsplit(url).path or '/'} for {token}"


def robots_url(url: str) -> str:
    """The robots.txt governing ``url`` (same scheme, host and port)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def product_token(user_agent: str) -> str:
    """The product token of a User-Agent (``rcwire/0.1 (+…)`` -> ``rcwire``)."""
    return user_agent.split("/")[0].split()[0].lower() if user_agent.strip() else "*"


def rules_from_body(url: str, body: bytes) -> RobotsRules:
    """Rules of a robots.txt that answered 2xx."""
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
    return RobotsRules(url, Protego.parse(text))


def rules_from_failure(url: str, reason: str, status: int | None) -> RobotsRules:
    """Rules when fetching robots.txt failed with ``reason`` (and maybe an HTTP status)."""
    if not unreachable(reason, status):
        return RobotsRules(url)
    return RobotsRules(url, disallow_all=f"unreachable ({reason})", failure=reason)


def unreachable(reason: str | None, status: int | None) -> bool:
    """Whether a robots.txt answer (``reason`` None: a body) means "unreachable", which
    disallows everything for the run that met it and is not kept for the next."""
    if reason is None or (status is not None and 400 <= status < 500 and status != 429):
        return False
    return reason not in _UNAVAILABLE_REASONS
