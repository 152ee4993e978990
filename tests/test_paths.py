"""Which files a command checks: folder searches skip what is not an agreement, and what .gitignore and
`exclude` leave out; named files are checked whatever they hold, unless --only-agreements asks otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_builder.errors import UsageError
from agreement_builder.paths import Selection, expand, ignored, is_agreement, patterns

AGREEMENT = "agreement:\n  title: Northvale Partnership Agreement\n"


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(root: Path, selection: Selection | None = None) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in expand([str(root)], selection)]


def test_a_folder_search_finds_agreements_and_passes_over_other_yaml_and_json(tmp_path: Path):
    _tree(tmp_path, {
        "agreements/plan.yaml": AGREEMENT,
        "agreements/plan.json": '{"agreement": {"title": "Northvale"}}',
        "agreements/broken.yml": AGREEMENT + "  short_name: 'the Partnership\n",  # a slip: still an agreement
        ".pre-commit-config.yaml": "repos: []\n",
        "docker-compose.yml": "services: {}\n",
        "package.json": '{"name": "x", "version": "1.0.0"}',
        "notes.txt": AGREEMENT,
    })
    assert _found(tmp_path) == ["agreements/broken.yml", "agreements/plan.json", "agreements/plan.yaml"]


def test_a_folder_search_skips_hidden_folders_environments_and_node_modules(tmp_path: Path):
    _tree(tmp_path, {
        "plan.yaml": AGREEMENT,
        ".github/workflows/agreement.yaml": AGREEMENT,
        ".venv/lib/sample.yaml": AGREEMENT,
        "env/pyvenv.cfg": "home = /usr/bin\n",
        "env/lib/sample.yaml": AGREEMENT,
        "node_modules/pkg/agreement.yaml": AGREEMENT,
    })
    selection = Selection()
    assert _found(tmp_path, selection) == ["plan.yaml"]
    assert {Path(p).name: why for p, why in selection.skipped} == {
        ".github": "a hidden folder", ".venv": "a hidden folder", "env": "another tool's files",
        "node_modules": "another tool's files"}


def test_a_folder_search_honours_gitignore_files_at_every_level_and_in_the_repository_above(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, {
        ".gitignore": "build/\n*.draft.yaml\n!keep.draft.yaml\n",
        "agreements/.gitignore": "/old/\n",
        "agreements/plan.yaml": AGREEMENT,
        "agreements/a.draft.yaml": AGREEMENT,
        "agreements/keep.draft.yaml": AGREEMENT,
        "agreements/old/plan.yaml": AGREEMENT,
        "agreements/sub/old/plan.yaml": AGREEMENT,  # `/old/` is anchored to agreements/
        "agreements/build/plan.yaml": AGREEMENT,
    })
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path / "agreements")])]
    assert found == ["agreements/keep.draft.yaml", "agreements/plan.yaml", "agreements/sub/old/plan.yaml"]


def test_gitignore_above_a_folder_outside_any_repository_is_not_read(tmp_path: Path):
    _tree(tmp_path, {".gitignore": "*.yaml\n", "agreements/plan.yaml": AGREEMENT})
    assert expand([str(tmp_path / "agreements")]) == [str(tmp_path / "agreements" / "plan.yaml")]


@pytest.mark.parametrize(("pattern", "path", "folder", "left_out"), [
    ("drafts/", "drafts", True, True),
    ("drafts/", "drafts", False, False),
    ("*.yaml", "a/b/c.yaml", False, True),
    ("/c.yaml", "a/c.yaml", False, False),
    ("a/**/c.yaml", "a/x/y/c.yaml", False, True),
    ("a/**/c.yaml", "a/c.yaml", False, True),
    ("**/old", "x/old", True, True),
    ("old-?.yaml", "old-1.yaml", False, True),
    ("old-[0-9].yaml", "old-x.yaml", False, False),
    ("\\#notes.yaml", "#notes.yaml", False, True),
    ("# a comment", "# a comment", False, False),
])
def test_patterns_follow_gitignore(tmp_path: Path, pattern: str, path: str, folder: bool, left_out: bool):
    assert ignored(tmp_path / path, patterns([pattern], tmp_path), folder) is left_out


def test_exclude_patterns_leave_out_files_and_folders(tmp_path: Path):
    _tree(tmp_path, {"plan.yaml": AGREEMENT, "drafts/old.yaml": AGREEMENT, "plan-2019.yaml": AGREEMENT})
    selection = Selection(exclude=patterns(["drafts/", "*-2019.yaml"], tmp_path))
    assert _found(tmp_path, selection) == ["plan.yaml"]


def test_a_named_file_is_checked_whatever_it_holds(tmp_path: Path):
    _tree(tmp_path, {".pre-commit-config.yaml": "repos: []\n"})
    name = str(tmp_path / ".pre-commit-config.yaml")
    assert expand([name]) == [name]


def test_only_agreements_filters_named_files_as_a_search_would(tmp_path: Path):
    _tree(tmp_path, {"plan.yaml": AGREEMENT, "ci.yml": "jobs: {}\n", "drafts/old.yaml": AGREEMENT})
    selection = Selection(exclude=patterns(["drafts/"], tmp_path), only_agreements=True)
    names = [str(tmp_path / n) for n in ("plan.yaml", "ci.yml", "drafts/old.yaml")]
    assert expand(names, selection) == [names[0]]
    assert [why for _, why in selection.skipped] == ["no top-level `agreement:` key", "excluded"]


def test_a_folder_without_agreements_cannot_be_linted_unless_only_agreements(tmp_path: Path):
    _tree(tmp_path, {"ci.yml": "jobs: {}\n"})
    with pytest.raises(UsageError, match="holds no agreement files"):
        expand([str(tmp_path)])
    assert expand([str(tmp_path)], Selection(only_agreements=True)) == []


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("a.yaml", AGREEMENT.encode(), True),
    ("a.yaml", b'"agreement": {title: x}\n', True),
    ("a.yaml", b"\xef\xbb\xbfagreement:\n", True),
    ("a.yaml", "agreement:\n".encode("utf-16"), True),
    ("a.json", '{"agreement": {}}'.encode("utf-32"), True),
    ("a.yaml", b"parties:\n  agreement: x\n", False),  # not at the top level
    ("a.yaml", b"# agreement: in a comment\n", False),
    ("a.json", b'{\n  "agreement": {}\n}', True),
    ("a.json", b'{"name": "agreement"}', False),
    ("a.json", b'{"properties": {"agreement": {"type": "object"}}}', False),  # a schema describing one
    ("a.json", b'{"title": "a \\"quoted\\" {brace", "agreement": {}}', True),
    ("a.json", b'{"agreement": {"title": "cut sho', True),  # broken JSON is still recognised
])
def test_an_agreement_file_has_a_top_level_agreement_key(tmp_path: Path, name: str, data: bytes, expected: bool):
    (tmp_path / name).write_bytes(data)
    assert is_agreement(tmp_path / name) is expected
