"""The wheel holds every package of the source tree: a subpackage left out of pyproject.toml's list installs a
tool that fails on import (only an editable install would hide it)."""

from __future__ import annotations

import pytest
from support import ROOT


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    tomllib = pytest.importorskip("tomllib")
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    inits = (ROOT / "agreement_builder").rglob("__init__.py")
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in inits}
    assert found <= listed, sorted(found - listed)
