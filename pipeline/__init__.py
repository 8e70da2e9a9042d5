"""rcwire: news ingestion for the Russia–China beat.

Stages: sources -> feeds -> fetch -> extract -> clean -> dedupe -> validate -> load.
Each stage is a plain function over typed records (see ``pipeline.records``); the CLI
and the Airflow DAGs call the same functions.
"""

__version__ = "0.1.0"
