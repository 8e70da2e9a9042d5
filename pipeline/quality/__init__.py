"""Quality: Great Expectations suites, post-load checks, quarantine, alerts."""
