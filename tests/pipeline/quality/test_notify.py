"""Alerts reach a real SMTP server and a real webhook receiver on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from pipeline.quality.notify import Alert, send
from pipeline.settings import Settings

ALERT = Alert(
    kind="dq_failed",
    run_id="cli-20261123T230501Z-4f2a",
    title="data quality failed: articles_batch (run cli-20261123T230501Z-4f2a)",
    lines=["suite articles_batch: 2 expectation(s) failed on 14 row(s)",
           "expect_column_values_to_not_be_null(title): 2 row(s)",
           "expect_column_value_lengths_to_be_between(text): 5 row(s)"],
    where_to_look="http://reports.example/rcwire/runs/cli-20261123T230501Z-4f2a",
)


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1 that records every POSTed JSON body."""

    def __init__(self, status: int = 200) -> None:
        self.posts: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                receiver.posts.append(json.loads(self.rfile.read(length)))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks/rcwire"

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class MailSink:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.original_content, policy=policy.default)
                for e in self.envelopes]


@pytest.fixture
def smtp() -> Iterator[tuple[MailSink, int]]:
    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


def test_one_alert_gives_one_email_and_one_post(smtp: tuple[MailSink, int],
                                                webhook: WebhookReceiver) -> None:
    sink, port = smtp
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port,
                             smtp_from="rcwire@desk.example",
                             alert_emails="ops@desk.example, editor@desk.example",
                             webhook_url=webhook.url)

    assert send(ALERT, settings) == ["email", "webhook"]

    assert len(sink.envelopes) == 1
    assert sink.envelopes[0].rcpt_tos == ["ops@desk.example", "editor@desk.example"]
    mail = sink.messages()[0]
    assert mail["Subject"] == f"[rcwire] {ALERT.title}"
    assert mail["From"] == "rcwire@desk.example"
    body = mail.get_content()
    assert "expect_column_values_to_not_be_null(title): 2 row(s)" in body
    assert f"Where to look: {ALERT.where_to_look}" in body
    assert len(webhook.posts) == 1
    post = webhook.posts[0]
    assert "expect_column_value_lengths_to_be_between(text): 5 row(s)" in post["text"]
    assert post["blocks"][0] == {"type": "header", "text": {
        "type": "plain_text", "text": f"[rcwire] {ALERT.title}"}}
    assert "dq_failed" in post["blocks"][1]["text"]["text"]
    assert ALERT.where_to_look in post["blocks"][2]["elements"][0]["text"]


def test_unreachable_webhook_is_logged_not_raised(smtp: tuple[MailSink, int],
                                                  caplog: pytest.LogCaptureFixture) -> None:
    sink, port = smtp
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port,
                             alert_emails="ops@desk.example",
                             webhook_url=f"http://127.0.0.1:{free_port()}/hook",
                             alert_timeout=2.0)

    assert send(ALERT, settings) == ["email"]
    assert len(sink.envelopes) == 1
    assert "alert webhook failed" in caplog.text


def test_webhook_error_status_is_not_delivered() -> None:
    with WebhookReceiver(status=500) as receiver:
        assert send(ALERT, Settings(webhook_url=receiver.url)) == []
        assert len(receiver.posts) == 1


def test_unreachable_smtp_is_logged_not_raised(webhook: WebhookReceiver,
                                               caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=free_port(),
                             alert_emails="ops@desk.example",
                             webhook_url=webhook.url, alert_timeout=2.0)

    assert send(ALERT, settings) == ["webhook"]
    assert len(webhook.posts) == 1
    assert "alert email to 127.0.0.1 failed" in caplog.text


def test_no_channel_configured_sends_nothing() -> None:
    assert send(ALERT, Settings()) == []


def test_email_needs_recipients(smtp: tuple[MailSink, int]) -> None:
    sink, port = smtp
    assert send(ALERT, Settings(smtp_host="127.0.0.1", smtp_port=port)) == []
    assert sink.envelopes == []


def test_slack_payload_respects_block_limits() -> None:
    alert = Alert("run_failed", "r", "x" * 400, ["y" * 5000])
    blocks = alert.as_slack()["blocks"]
    assert len(blocks[0]["text"]["text"]) == 150
    assert len(blocks[1]["text"]["text"]) == 3000


def test_importing_notify_does_not_import_airflow() -> None:
    code = "import sys, pipeline.quality.notify; sys.exit('airflow' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
