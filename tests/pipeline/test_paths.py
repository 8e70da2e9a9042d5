"""Project folders and the YAML reader every config file goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.errors import RunError
from pipeline.fetch.sources import load_sources
from pipeline.paths import project_dir, read_yaml
from tests.conftest import ROOT


@pytest.mark.parametrize("path", sorted(project_dir("config").glob("*.yaml"))
                         + sorted((ROOT / "samples").rglob("*.yaml")), ids=lambda p: p.name)
def test_read_yaml_gives_what_safe_load_gives(path: Path) -> None:
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_read_yaml_refuses_what_safe_load_refuses(tmp_path: Path) -> None:
    # Only plain data: a Python object tag is an error, as with safe_load.
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        read_yaml(tagged)


def test_a_broken_sources_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: x\n    url: [unclosed\n", encoding="utf-8")
    with pytest.raises(RunError) as caught:
        load_sources(bad)
    assert "not valid YAML" in str(caught.value) and "line 3" in str(caught.value)
