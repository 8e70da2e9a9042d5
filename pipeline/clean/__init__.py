"""Cleaning: boilerplate removed from HTML and from text, by rules and learned per source."""
