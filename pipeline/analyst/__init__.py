"""Analyst output: SQL queries, export, report, charts, DQ report."""
