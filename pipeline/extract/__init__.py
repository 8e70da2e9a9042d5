"""Extraction: page -> article text and metadata, in killable worker processes."""
