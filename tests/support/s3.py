"""An S3-compatible object store on 127.0.0.1 for staging tests: moto's server mode.

It speaks the S3 REST protocol over HTTP like MinIO or AWS would, so ``pipeline.remote``
talks to it through the same library calls, signatures and errors as in production; only
its storage is in memory. Every test gets its own server on a free port.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Credentials the server accepts (it checks the signature's form, not the key).
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "rcwire-test", "AWS_SECRET_ACCESS_KEY": "rcwire-test",
               "AWS_REGION": "us-east-1"}


@dataclass(frozen=True)
class S3Server:
    """A running server: its endpoint and a client to create and inspect buckets."""

    endpoint: str
    client: Any  # boto3's S3 client (untyped)

    def bucket(self) -> str:
        """A new empty bucket's name."""
        name = f"rcwire-{secrets.token_hex(4)}"
        self.client.create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        """Every object key in ``bucket``."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

    def env(self, url: str) -> dict[str, str]:
        """Environment variables that point a child process's staging at ``url`` here."""
        return {**CREDENTIALS, "RCWIRE_STAGING_URL": url, "RCWIRE_STAGING_ENDPOINT": self.endpoint}


@contextmanager
def s3_server() -> Iterator[S3Server]:
    """Serve S3 on 127.0.0.1 (a free port) until the block ends."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="rcwire-test",
                              aws_secret_access_key="rcwire-test")
        yield S3Server(endpoint, client)
    finally:
        server.stop()
