"""Fetching: HTTP client, address guard, robots.txt, decoding, feed parsing, schedule, sources."""
