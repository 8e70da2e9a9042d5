"""Hostile servers at the transport level: deadlines, size caps and bombs, redirects, SSRF
and TLS. Every test talks to a real server on 127.0.0.1 (``tests.support.faultsite``); nothing
here ever opens a socket to another address (the ``Tripwire`` below refuses to)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import os
import ssl
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpcore
import pytest
from httpcore._backends.auto import AutoBackend

from pipeline.fetch.http import FetchError, FetchResult, fetch, make_client
from pipeline.fetch.netguard import GuardedBackend, IPAddress
from pipeline.settings import Settings
from tests.conftest import ROOT
from tests.support.faultsite import FaultSite

LOOPBACK = [ipaddress.ip_network("127.0.0.1/32")]


@pytest.fixture(scope="module")
def site() -> Iterator[FaultSite]:
    with FaultSite() as fault_site:
        yield fault_site


class Tripwire(httpcore.AsyncNetworkBackend):
    """Socket layer under the guard: records every connect and refuses all but loopback,
    so a test of a removed guard can never send a packet elsewhere."""

    def __init__(self) -> None:
        self.connected: list[str] = []
        self._inner = AutoBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[object] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        self.connected.append(host)
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise httpcore.ConnectError(f"tripwire: the test refuses to connect to {host}")
        return await self._inner.connect_tcp(host, port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def get(settings: Settings, url: str, backend: GuardedBackend | None = None) -> FetchResult:
    async def go() -> FetchResult:
        async with make_client(settings, backend) as client:
            return await fetch(client, url, settings)
    return asyncio.run(go())


def failure(settings: Settings, url: str, backend: GuardedBackend | None = None) -> FetchError:
    with pytest.raises(FetchError) as err:
        get(settings, url, backend)
    return err.value


# --- 1. deadlines ---------------------------------------------------------------------

@pytest.mark.parametrize("route", ["hang", "drip?every=0.2", "drip?every=0.2&head=1"])
def test_silent_and_dripping_servers_end_at_the_deadline(
        settings: Settings, site: FaultSite, route: str) -> None:
    # Read timeouts (5 s) never fire on a drip; only the overall deadline stops it.
    quick = settings.model_copy(update={"deadline": 1.0, "read_timeout": 5.0})
    started = time.monotonic()
    assert failure(quick, f"{site.base_url}/_fault/{route}").reason == "deadline"
    assert time.monotonic() - started < 1.8


# --- 2. size caps and bombs -----------------------------------------------------------

@pytest.mark.parametrize("route", [
    "big?size=6000000", "big?size=6000000&length=0", "bomb", "bomb.gz"])
def test_bodies_over_the_cap_are_refused(settings: Settings, site: FaultSite,
                                         route: str) -> None:
    assert failure(settings, f"{site.base_url}/_fault/{route}").reason == "too_large"


def test_declared_length_over_the_cap_refused_before_reading(
        settings: Settings, site: FaultSite) -> None:
    # The body drips: only the Content-Length check can answer before the deadline.
    started = time.monotonic()
    err = failure(settings, f"{site.base_url}/_fault/drip?every=0.5&length=10000000000")
    assert err.reason == "too_large" and "Content-Length" in err.detail
    assert time.monotonic() - started < 1.0


MEASURE = textwrap.dedent("""
    import asyncio, json, resource, sys
    # A regression must fail this test, not exhaust the machine.
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from pipeline.fetch.http import FetchError, fetch, make_client
    from pipeline.settings import Settings

    async def main():
        settings = Settings()
        async with make_client(settings) as client:
            try:
                got = await fetch(client, sys.argv[1], settings)
                return "ok:%d" % len(got.body)
            except FetchError as exc:
                return exc.reason
    def peak_mb():
        # VmHWM is this process's own high-water mark; ru_maxrss would also count the
        # parent's RSS at fork time (Linux keeps it across exec).
        try:
            with open("/proc/self/status") as fh:
                return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    before = peak_mb()
    try:
        outcome = asyncio.run(main())
    except MemoryError:
        outcome = "MemoryError"
    print(json.dumps({"outcome": outcome, "before_mb": before, "peak_mb": peak_mb()}))
""")


@pytest.mark.parametrize("route", ["bomb", "bomb.gz"])
def test_gigabyte_bomb_keeps_memory_bounded(site: FaultSite, route: str) -> None:
    env = {**os.environ, "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_DEADLINE": "30"}
    done = subprocess.run([sys.executable, "-c", MEASURE, f"{site.base_url}/_fault/{route}"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    got = json.loads(done.stdout)
    print(f"{route}: peak RSS {got['peak_mb']:.0f} MB (after imports {got['before_mb']:.0f} MB)")
    assert got["outcome"] == "too_large"
    assert got["peak_mb"] < 300


# --- 3. redirects ---------------------------------------------------------------------

def test_redirect_loop_is_named(settings: Settings, site: FaultSite) -> None:
    err = failure(settings, f"{site.base_url}/_fault/loop/a")
    assert err.reason == "redirect_loop" and "/_fault/loop/a" in err.detail


def test_redirect_chain_over_the_limit(settings: Settings, site: FaultSite) -> None:
    assert b"Russia and China" in get(settings, f"{site.base_url}/_fault/chain/5").body
    err = failure(settings, f"{site.base_url}/_fault/chain/6")
    assert err.reason == "too_many_redirects"


@pytest.mark.parametrize("target", [
    "file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "javascript:alert(1)",
    "data:text/html,hello"])
def test_redirect_to_another_scheme_is_refused(settings: Settings, site: FaultSite,
                                               target: str) -> None:
    err = failure(settings, f"{site.base_url}/_fault/redirect?to={target}")
    scheme = target.split(":")[0]
    assert err.reason == "bad_scheme"
    assert err.detail.startswith(f"refusing {scheme} URL")


@pytest.mark.parametrize("target", ["http://[::1", "http://:80/"])
def test_unparsable_redirect_is_a_named_failure(settings: Settings, site: FaultSite,
                                                target: str) -> None:
    err = failure(settings, f"{site.base_url}/_fault/redirect?to={quote(target)}")
    assert err.reason in ("bad_url", "bad_scheme"), err  # a named refusal, not a crash


# --- 4. SSRF --------------------------------------------------------------------------

BLOCKED_HOSTS = [
    "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "192.0.0.8", "198.18.0.1", "[::1]", "[::ffff:169.254.169.254]", "[::ffff:10.0.0.1]",
    "[64:ff9b::a9fe:a9fe]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[2002:a9fe:a9fe::]",
    "[fd00::1]", "[fe80::1]",
]


@pytest.mark.parametrize("host", BLOCKED_HOSTS)
def test_private_and_special_addresses_blocked_before_connecting(
        settings: Settings, host: str) -> None:
    wire = Tripwire()
    err = failure(settings, f"http://{host}/latest/meta-data/",
                  GuardedBackend(settings.allow_private_hosts, inner=wire))
    assert err.reason == "blocked_address"
    assert wire.connected == []


@pytest.mark.parametrize("spelling", ["2130706433", "0x7f000001", "017700000001", "127.1",
                                      "0x7f.1"])
def test_odd_ipv4_spellings_refused_even_where_loopback_is_allowed(
        settings: Settings, site: FaultSite, spelling: str) -> None:
    port = site.base_url.rsplit(":", 1)[1]
    err = failure(settings, f"http://{spelling}:{port}/_fault/hit/{spelling}")
    assert err.reason == "blocked_address" and "non-standard spelling" in err.detail
    assert f"/_fault/hit/{spelling}" not in site.hits


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/", "http://[::ffff:169.254.169.254]/latest/", "http://169.254.169.254/",
    "http://[64:ff9b::a9fe:a9fe]/"])
def test_redirect_from_allowed_server_to_private_address(
        settings: Settings, site: FaultSite, target: str) -> None:
    wire = Tripwire()
    err = failure(settings, f"{site.base_url}/_fault/redirect?to={target}",
                  GuardedBackend(settings.allow_private_hosts, inner=wire))
    assert err.reason == "blocked_address"
    assert wire.connected == ["127.0.0.1"]  # the first hop only


def test_connects_to_the_address_it_checked(settings: Settings, site: FaultSite) -> None:
    # DNS rebinding: the name first resolves to an allowed address, later to a private one.
    answers: list[str] = []

    async def rebinding(host: str, port: int, timeout: float | None) -> list[IPAddress]:
        answers.append(host)
        return [ipaddress.ip_address("127.0.0.1" if len(answers) == 1 else "10.0.0.1")]
    wire = Tripwire()
    port = site.base_url.rsplit(":", 1)[1]
    got = get(settings, f"http://rebind.test:{port}/_fault/article/rebind",
              GuardedBackend(settings.allow_private_hosts, resolver=rebinding, inner=wire))
    assert got.status == 200
    assert answers == ["rebind.test"] and wire.connected == ["127.0.0.1"]


def test_name_resolving_to_private_address_blocked(settings: Settings) -> None:
    async def internal(host: str, port: int, timeout: float | None) -> list[IPAddress]:
        return [ipaddress.ip_address("10.1.2.3"), ipaddress.ip_address("fd00::5")]
    wire = Tripwire()
    err = failure(settings, "http://intranet.example/",
                  GuardedBackend(settings.allow_private_hosts, resolver=internal, inner=wire))
    assert err.reason == "blocked_address" and wire.connected == []


def test_private_hosts_allowed_only_when_listed(monkeypatch: pytest.MonkeyPatch,
                                                site: FaultSite) -> None:
    monkeypatch.delenv("RCWIRE_ALLOW_PRIVATE_HOSTS", raising=False)
    assert Settings().allow_private_hosts == []
    assert failure(Settings(), f"{site.base_url}/_fault/hit/default").reason == \
        "blocked_address"
    monkeypatch.setenv("RCWIRE_ALLOW_PRIVATE_HOSTS", "127.0.0.1, ::1")
    assert [str(n) for n in Settings().allow_private_hosts] == ["127.0.0.1/32", "::1/128"]
    assert get(Settings(), f"{site.base_url}/_fault/hit/listed").body == b"ok"


# --- 5. TLS ---------------------------------------------------------------------------

def _pem_pair(tmp: Path, name: str, hosts: list[str],
              issuer: tuple[object, object] | None = None) -> tuple[object, object, Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    sign_key, sign_name = (key, subject) if issuer is None else issuer
    now = dt.datetime.now(dt.UTC)
    names = [x509.IPAddress(ipaddress.ip_address(h)) if h[0].isdigit() else x509.DNSName(h)
             for h in hosts]
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(sign_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(hours=1))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None),
                              critical=True))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    cert = builder.sign(sign_key, hashes.SHA256())  # type: ignore[arg-type]
    cert_path, key_path = tmp / f"{name}.pem", tmp / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return key, subject, cert_path, key_path


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("cryptography")
    tmp = tmp_path_factory.mktemp("tls")
    ca_key, ca_name, ca_pem, _ = _pem_pair(tmp, "test-ca", [])
    _, _, good, good_key = _pem_pair(tmp, "ip", ["127.0.0.1"], (ca_key, ca_name))
    _, _, other, other_key = _pem_pair(tmp, "name", ["localhost"], (ca_key, ca_name))
    _, _, self_signed, self_key = _pem_pair(tmp, "self", ["127.0.0.1"])
    return {"ca": ca_pem, "good": good, "good_key": good_key, "other": other,
            "other_key": other_key, "self": self_signed, "self_key": self_key}


def tls_site(cert: Path, key: Path) -> FaultSite:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return FaultSite(tls=ctx)


def test_tls_to_a_trusted_certificate_works(settings: Settings, certs: dict[str, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certs["ca"]))
    with tls_site(certs["good"], certs["good_key"]) as server:
        assert get(settings, f"{server.base_url}/_fault/hit/tls").body == b"ok"


@pytest.mark.parametrize(("cert", "trust_ca"), [("self", False), ("good", False),
                                                ("other", True)])
def test_tls_errors_fail_without_retrying_unverified(
        settings: Settings, certs: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        cert: str, trust_ca: bool) -> None:
    if trust_ca:
        monkeypatch.setenv("SSL_CERT_FILE", str(certs["ca"]))
    else:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with tls_site(certs[cert], certs[f"{cert}_key"]) as server:
        err = failure(settings, f"{server.base_url}/_fault/hit/tls")
        time.sleep(0.1)  # let the server thread count the failed handshake
        assert err.reason == "tls_error" and "CERTIFICATE_VERIFY_FAILED" in err.detail
        assert (server.connections, server.tls_failures, server.hits) == (1, 1, {})
