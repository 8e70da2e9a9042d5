"""What an HTTP answer or failure means for a fetch: the seconds a ``Retry-After`` asks
for, and the named reason of a transport error (``pipeline.fetch.http``, the run's
workers)."""

from __future__ import annotations

import ssl
import time
from email.utils import parsedate_to_datetime

import httpx


def retry_after_seconds(value: str | None, cap: float = 86400.0) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta or HTTP date), capped at a day
    (the failure back-off's own cap) so a hostile header cannot silence a feed for ever."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), cap))


def error_reason(exc: httpx.HTTPError) -> str:
    """The outcome's reason for a transport failure: TLS, connect, scheme, protocol."""
    text = str(exc).lower()
    if _caused_by_tls(exc) or "certificate" in text or "ssl" in text or "tls" in text:
        return "tls_error"
    if isinstance(exc, httpx.ConnectError):
        return "connect_error"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "bad_scheme"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol_error"
    return "http_error"


def _caused_by_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
