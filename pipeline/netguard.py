"""Refuse connections to addresses a stranger's URL must never reach (SSRF guard).

The check runs inside the connection: the name is resolved once, every resolved address is
checked, and the socket is opened to the checked address itself, so a DNS answer that
changes between check and connect (rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence

import anyio
import httpcore
from httpcore._backends.auto import AutoBackend

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


class BlockedAddressError(Exception):
    """The URL's host resolves only to addresses the policy forbids."""


def embedded_ipv4(addr: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv4-mapped, NAT64, 6to4 or Teredo IPv6 address."""
    if isinstance(addr, ipaddress.IPv4Address):
        return None
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr in _NAT64 or addr in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if addr in _SIX_TO_FOUR:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    return None


def is_allowed(addr: IPAddress, allow: Sequence[IPNetwork]) -> bool:
    """True when ``addr`` is public, or explicitly allowed by the operator."""
    if any(addr in net for net in allow if net.version == addr.version):
        return True
    inner = embedded_ipv4(addr)
    if inner is not None:
        return is_allowed(inner, allow)
    return addr.is_global and not addr.is_multicast


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to allowed addresses."""

    def __init__(self, allow: Iterable[IPNetwork] = ()) -> None:
        self._allow = tuple(allow)
        self._inner = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, check every address, then connect to the first allowed one."""
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
            # A canonical IP literal needs no resolver thread (odd spellings such as
            # "2130706433" fail here and are resolved, then checked, like names).
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never reachable from a feed URL."""
        raise BlockedAddressError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the default backend."""
        await self._inner.sleep(seconds)
