"""Store: DuckDB connection and migrations, the single loader."""
