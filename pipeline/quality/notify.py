"""Alerts: one message per failure, to email (SMTP) and to a Slack-compatible webhook.

``send(alert)`` delivers an ``Alert`` to every configured channel and returns the channels
that accepted it; a channel that fails is logged and skipped, so an alert never turns a
failed run into a crashed callback. ``RcwireNotifier`` is the Airflow face of the same
thing (``on_failure_callback``); it is built on first access so that importing this module
from the CLI or the stages never imports Airflow.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import httpx

from pipeline.checks import ConfigError
from pipeline.settings import Settings, get_settings

if TYPE_CHECKING:
    from airflow.sdk import BaseNotifier

    # Defined on first access by ``__getattr__`` below; declared here for type checkers.
    RcwireNotifier: type[BaseNotifier]

log = logging.getLogger(__name__)

AlertKind = Literal["run_failed", "dq_failed", "feed_retired"]

# Slack rejects a header over 150 characters and a section over 3000.
_HEADER_MAX = 150
_SECTION_MAX = 3000
_EXCEPTION_MAX = 500
# RFC 5322's hard line limit: long subjects (run ids) stay on one line instead of being
# folded right after "Subject:", which some clients show with a leading space.
_MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Alert:
    """One thing an operator must act on.

    ``lines`` say what failed (suite and expectations, row counts, the exception);
    ``where_to_look`` is the one link or path to open first.
    """

    kind: AlertKind
    run_id: str
    title: str
    lines: Sequence[str] = ()
    where_to_look: str | None = None

    @property
    def subject(self) -> str:
        """The email subject / message header."""
        return f"[rcwire] {self.title}"

    def as_text(self) -> str:
        """Plain-text body, used for email and as the webhook's fallback text."""
        body = [self.subject, f"kind: {self.kind}", f"run: {self.run_id}", ""]
        body += [f"- {line}" for line in self.lines]
        if self.where_to_look:
            body += ["", f"Where to look: {self.where_to_look}"]
        return "\n".join(body) + "\n"

    def as_slack(self) -> dict[str, Any]:
        """Slack-compatible payload: ``text`` for notifications, ``blocks`` for display."""
        details = "\n".join(f"• {line}" for line in self.lines) or "(no details)"
        blocks: list[dict[str, Any]] = [
            {"type": "header",
             "text": {"type": "plain_text", "text": _clip(self.subject, _HEADER_MAX)}},
            {"type": "section",
             "text": {"type": "mrkdwn",
                      "text": _clip(f"*{self.kind}* · run `{self.run_id}`\n{details}",
                                    _SECTION_MAX)}},
        ]
        if self.where_to_look:
            blocks.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": _clip(f"Where to look: {self.where_to_look}",
                                                 _SECTION_MAX)}]})
        return {"text": _clip(self.as_text(), _SECTION_MAX), "blocks": blocks}


def send(alert: Alert, settings: Settings | None = None) -> list[str]:
    """Deliver one alert to every configured channel.

    Args:
        alert: what to say.
        settings: channels to use (default: from the environment).

    Returns:
        The channels that accepted the alert (``"email"``, ``"webhook"``).
    """
    conf = settings or get_settings()
    delivered = []
    if conf.smtp_host and conf.alert_emails:
        try:
            _send_email(alert, conf, conf.smtp_host)
            delivered.append("email")
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("alert email to %s failed: %s", conf.smtp_host, exc)
    if conf.webhook_url:
        try:
            _post_webhook(alert, conf.webhook_url, conf.alert_timeout)
            delivered.append("webhook")
        except httpx.HTTPError as exc:
            log.warning("alert webhook failed: %s", exc)
    if not delivered:
        log.warning("alert not delivered to any channel: %s", alert.subject)
    return delivered


def _send_email(alert: Alert, conf: Settings, host: str) -> None:
    msg = EmailMessage(policy=_MAIL_POLICY)
    msg["Subject"] = alert.subject
    msg["From"] = conf.smtp_from
    msg["To"] = ", ".join(conf.alert_emails)
    msg.set_content(alert.as_text())
    with smtplib.SMTP(host, conf.smtp_port, timeout=conf.alert_timeout) as smtp:
        if conf.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if conf.smtp_user and conf.smtp_password and conf.smtp_password.get_secret_value():
            smtp.login(conf.smtp_user, conf.smtp_password.get_secret_value())
        smtp.send_message(msg)


def _post_webhook(alert: Alert, url: str, timeout: float) -> None:
    response = httpx.post(url, json=alert.as_slack(), timeout=timeout)
    response.raise_for_status()


def run_failed_alert(context: Mapping[str, Any], settings: Settings | None = None) -> Alert:
    """The alert for a failed Airflow task, from its callback context.

    Args:
        context: the Airflow task context (``ti``, ``dag_run``, ``exception`` ...).
        settings: for the report link (default: from the environment).

    Returns:
        A ``run_failed`` alert naming the DAG, run, task, map index and exception.
    """
    ti = context.get("ti") or context.get("task_instance")
    dag_id = str(getattr(ti, "dag_id", None) or _dag_id(context))
    run_id = str(getattr(ti, "run_id", None) or context.get("run_id") or "unknown")
    task_id = str(getattr(ti, "task_id", "unknown"))
    map_index = getattr(ti, "map_index", -1)
    label = getattr(ti, "rendered_map_index", None) or (
        str(map_index) if map_index is not None and map_index >= 0 else None)
    where = f"{dag_id}.{task_id}" + (f"[{label}]" if label else "")
    exc = context.get("exception")
    lines = [f"task {where} failed (try {getattr(ti, 'try_number', '?')})"]
    if map_index is not None and map_index >= 0:
        lines.append(f"map index {map_index}")
    if exc is not None:
        text = f"{type(exc).__name__}: {exc}" if isinstance(exc, BaseException) else str(exc)
        lines.append(_clip(" ".join(text.split()), _EXCEPTION_MAX))
    conf = settings or get_settings()
    if conf.report_url:
        lines.append(f"report: {conf.report_url}")
    log_url = getattr(ti, "log_url", None)
    look = log_url or conf.report_url
    if isinstance(exc, ConfigError):
        # A retry or a cleared task fails the same way until the setting is changed.
        look = f"fix: {exc}; then clear the task"
    return Alert("run_failed", run_id, f"{where} failed in run {run_id}", lines, look)


def feeds_retired_alert(run_id: str, retired: Sequence[Mapping[str, Any]]) -> Alert:
    """The one alert for the feeds a run retired (410 Gone, or a long run of 404s).

    Args:
        run_id: the run that retired them.
        retired: ``{"source", "feed_url", "reason"}`` per feed (the run summary's).

    Returns:
        A ``feed_retired`` alert naming each feed, why, and the command that re-enables it.
    """
    names = ", ".join(str(f["source"]) for f in retired)
    lines = [f"{f['source']} ({f['feed_url']}): {f['reason']}; re-enable with "
             f"`rcwire sources enable {f['feed_url']}`" for f in retired]
    where = get_settings().report_url or (
        "rcwire sql \"select * from feed_health where health = 'retired'\"")
    return Alert("feed_retired", run_id, f"{len(retired)} feed(s) retired in run {run_id}: "
                 f"{names}", lines, where)


def _dag_id(context: Mapping[str, Any]) -> str:
    dag = context.get("dag")
    return str(getattr(dag, "dag_id", "unknown"))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def _notifier_class() -> type:
    # Airflow is imported here, not at module level: the CLI imports this module too.
    from airflow.sdk import BaseNotifier

    class RcwireNotifier(BaseNotifier):  # type: ignore[misc]
        """Airflow notifier: a failed task becomes one ``run_failed`` alert."""

        template_fields = ()

        def notify(self, context: Any) -> None:
            channels = send(run_failed_alert(context))
            self.log.info("rcwire alert sent to %s", ", ".join(channels) or "no channel")

    RcwireNotifier.__module__ = __name__
    RcwireNotifier.__qualname__ = "RcwireNotifier"
    return RcwireNotifier


def __getattr__(name: str) -> type:
    """``RcwireNotifier`` on demand (PEP 562), so importing this module stays Airflow-free."""
    if name == "RcwireNotifier":
        cls = _notifier_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
