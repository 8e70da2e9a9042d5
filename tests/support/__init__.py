"""Test-only code: fault servers, staging helpers, evaluation."""
