"""URL normalisation: the link we fetch, and the key we dedupe on."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import courlan

# Parameters that say where a click came from, never which page it is.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|twclid|ttclid|mc_cid|mc_eid"
    r"|_ga|_gl|_hs\w+|mkt_tok|ref|ref_src|ref_url|referrer|cmpid|ocid|ito|s_cid|smid|sr_share"
    r"|at_\w+|wt\.\w+|__twitter_impression|rss|feed|via|share|spm|scm|from)$",
    re.IGNORECASE,
)
_HOST_VARIANTS = re.compile(r"^(?:www\d*|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp/?$|^/amp(?=/))")


def canonical_url(url: str) -> str:
    """Normalised URL (courlan) with tracking parameters and the fragment removed.

    courlan's own strict mode also drops unknown parameters such as ``article=``, which can
    be the page's identity, so tracking parameters are removed by name instead.
    """
    try:
        normal = str(courlan.normalize_url(url.strip(), strict=False))
    except (ValueError, AttributeError):
        normal = url.strip()
    parts = urlsplit(normal)
    kept = [p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=")[0])]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def url_key(url: str) -> str:
    """A key equal for variants of one page: scheme, ``www.``/``m.``/AMP, trailing slash."""
    parts = urlsplit(canonical_url(url))
    host = _HOST_VARIANTS.sub("", parts.netloc.lower())
    path = _AMP_PATH.sub("", parts.path).rstrip("/") or "/"
    query = "&".join(p for p in parts.query.split("&") if p and p.lower() not in
                     ("amp", "amp=1", "outputtype=amp", "output=amp"))
    return urlunsplit(("", host, path, query, ""))[2:]


def domain(url: str) -> str:
    """Host without port and without a ``www.`` prefix."""
    host = urlsplit(url).hostname or ""
    return _HOST_VARIANTS.sub("", host.lower())
