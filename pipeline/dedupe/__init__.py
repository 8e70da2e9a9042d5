"""Dedupe: GUID, URL, hash and MinHash/LSH layers against the batch and history."""
