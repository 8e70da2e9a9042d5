"""Run: plan, per-feed worker, decide, the one-process run, the Airflow task functions."""
