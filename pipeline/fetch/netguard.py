"""Refuse connections to addresses a stranger's URL must never reach (SSRF guard).

The check runs inside the connection: the name is resolved once, every resolved address is
checked, and the socket is opened to the checked address itself, so a DNS answer that
changes between check and connect (rebinding) cannot slip through. Hosts spelled as odd
IPv4 numbers (``2130706433``, ``0x7f000001``, ``017700000001``, ``127.1``) are refused
before resolving: no real site is addressed that way, and resolvers disagree on what the
spellings mean.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence

import anyio
import httpcore
from httpcore._backends.auto import AutoBackend

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int, float | None], Awaitable[list[IPAddress]]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_V4_COMPATIBLE = ipaddress.ip_network("::/96")
# IANA special-purpose ranges, listed here as well because ``is_global`` of older Python
# releases (before 3.11.10 / 3.12.4) wrongly calls some of them global.
_SPECIAL = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20",
    "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
))
# The last label of a host that URL parsers in browsers read as an IPv4 number.
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


class BlockedAddressError(Exception):
    """The URL's host resolves only to addresses the policy forbids."""


def embedded_ipv4(addr: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv4-mapped, -compatible, NAT64, 6to4 or Teredo one."""
    if isinstance(addr, ipaddress.IPv4Address):
        return None
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr in _NAT64 or addr in _NAT64_LOCAL or addr in _V4_COMPATIBLE:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if addr in _SIX_TO_FOUR:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    return None


def is_allowed(addr: IPAddress, allow: Sequence[IPNetwork]) -> bool:
    """True when ``addr`` is public, or explicitly allowed by the operator.

    The allow list matches the address connected to, as written: allowing 127.0.0.1
    does not allow ``::ffff:127.0.0.1``.
    """
    if any(addr in net for net in allow if net.version == addr.version):
        return True
    return is_public(addr)


def is_public(addr: IPAddress) -> bool:
    """A global unicast address, also when it hides an IPv4 address in an IPv6 one."""
    inner = embedded_ipv4(addr)
    if inner is not None:
        return is_public(inner)
    if any(addr in net for net in _SPECIAL if net.version == addr.version):
        return False
    return addr.is_global and not addr.is_multicast


def odd_ipv4_spelling(host: str) -> bool:
    """True for a host that is an IPv4 address in any spelling but dotted decimal.

    Follows the WHATWG URL rule: a host whose last label is a number is an IPv4 address.
    """
    labels = host.rstrip(".").split(".")
    if not labels or not _NUMERIC_LABEL.match(labels[-1]):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return False


async def system_resolver(host: str, port: int, timeout: float | None) -> list[IPAddress]:
    """Every address the system resolver gives for ``host``."""
    try:
        with anyio.fail_after(timeout):
            infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to allowed addresses.

    Args:
        allow: networks allowed although private or loopback.
        resolver: name -> addresses (the system resolver by default).
        inner: the backend that opens sockets; it is only ever given checked IP literals.
    """

    def __init__(self, allow: Iterable[IPNetwork] = (), *, resolver: Resolver | None = None,
                 inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._allow = tuple(allow)
        self._resolver = resolver or system_resolver
        self._inner = inner or AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, check every address, then connect to the first allowed one."""
        if odd_ipv4_spelling(host):
            raise BlockedAddressError(f"{host} is an IPv4 address in a non-standard spelling")
        addresses = await self._resolve(host, port, timeout)
        allowed = [a for a in addresses if is_allowed(a, self._allow)]
        if not allowed:
            shown = ", ".join(sorted({str(a) for a in addresses}))
            raise BlockedAddressError(f"{host} resolves to a blocked address ({shown})")
        return await self._inner.connect_tcp(
            str(allowed[0]), port, timeout=timeout, local_address=local_address,
            socket_options=socket_options,
        )

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[IPAddress]:
        try:
            # An IP literal needs no resolver.
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        return await self._resolver(host, port, timeout)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never reachable from a feed URL."""
        raise BlockedAddressError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the inner backend."""
        await self._inner.sleep(seconds)
