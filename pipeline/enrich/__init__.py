"""Enrichment: theme score and entity counts."""
