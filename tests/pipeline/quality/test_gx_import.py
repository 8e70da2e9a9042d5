"""Great Expectations is imported without loading ``scipy.stats`` (our suites never use
it), and anything that does use it still gets the real module."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import sys
from pipeline.quality.validate import warm_up
warm_up()
assert "great_expectations" in sys.modules
print(type(sys.modules["scipy.stats"]).__name__)
from scipy import stats
print(round(float(stats.entropy([0.5, 0.5], [0.25, 0.75])), 6))
print(type(sys.modules["scipy.stats"]).__name__)
"""


def test_scipy_stats_loads_only_when_used() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True,
                         env={"GX_ANALYTICS_ENABLED": "false", "PATH": "/usr/bin:/bin"})
    lazy, entropy, loaded = out.stdout.split()
    assert lazy == "_LazyModule"  # GX imported, scipy.stats not run yet
    assert entropy == "0.143841"  # the real function, loaded on first use
    assert loaded == "module"
