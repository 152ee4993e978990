"""The rule documentation in docs/rules/ is what the rules generate, and reports link to it where it really is."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from support import ROOT

from agreement_builder import docs
from agreement_builder.findings import Result
from agreement_builder.report import REPORTERS
from agreement_builder.rules import RULES

FOLDER = ROOT / docs.FOLDER
REGENERATE = ("regenerate with: python -c \"from agreement_builder import docs; from agreement_builder.rules "
              "import RULES; docs.write('docs/rules', RULES.values())\"")


def test_the_committed_rule_pages_are_what_the_rules_generate():
    expected = {f"{rule.id}.md": docs.page(rule) for rule in RULES.values()} | {"README.md": docs.index(RULES.values())}
    committed = {p.name: p.read_text(encoding="utf-8") for p in FOLDER.iterdir()}
    assert committed.keys() == expected.keys(), REGENERATE
    stale = sorted(name for name in expected if committed[name] != expected[name])
    assert not stale, f"{', '.join(stale)} differ from the rules; {REGENERATE}"


def test_rules_as_markdown_prints_the_catalogue_and_each_page(cli):
    assert cli("rules", "--format", "markdown").stdout == (FOLDER / "README.md").read_text(encoding="utf-8")
    page = cli("rules", "ab109", "--format", "markdown").stdout
    assert page == (FOLDER / "AB109.md").read_text(encoding="utf-8")


def test_every_page_has_the_parts_of_a_rule_and_yaml_examples():
    page = (FOLDER / "AB109.md").read_text(encoding="utf-8")
    assert page.startswith("# AB109 supervision\n")
    assert [line for line in page.splitlines() if line.startswith("## ")] == ["## Why", "## Fails", "## Passes",
                                                                                "## Fix"]
    assert page.count("```yaml") == 2


def test_a_rule_is_found_by_its_name_and_a_near_miss_is_suggested(cli):
    assert cli("rules", "supervision").stdout.startswith("AB109 supervision [error]")
    run = cli("rules", "supervison")
    assert run.exit_code == 2
    assert run.stderr == ("Error: no rule 'supervison' (did you mean 'supervision'?); `agreement rules` lists them by "
                          "id and name\n")


def _installed_from(monkeypatch, record: dict[str, object] | None) -> None:
    class Distribution:
        def read_text(self, name: str) -> str | None:
            return json.dumps(record) if record is not None else None

    monkeypatch.setattr(docs.metadata, "distribution", lambda name: Distribution())
    docs.home.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_home():
    docs.home.cache_clear()
    yield
    docs.home.cache_clear()


def test_installed_from_github_the_pages_are_linked_at_that_commit(monkeypatch):
    _installed_from(monkeypatch, {"url": "https://github.com/example/agreement-builder.git",
                                  "vcs_info": {"vcs": "git", "commit_id": "abc123"}})
    assert docs.url(RULES["AB109"]) == ("https://github.com/example/agreement-builder/blob/abc123/docs/rules/"
                                        "AB109.md")


@pytest.mark.parametrize("record", [
    None,
    {"url": "https://example.org/agreement-builder.tar.gz", "archive_info": {}},
    {"url": "https://github.com/example/agreement-builder.git", "vcs_info": {"vcs": "git"}},  # no commit
    {"url": "file:///nowhere/at/all", "dir_info": {}},
])
def test_with_no_known_address_reports_carry_no_link(monkeypatch, record):
    _installed_from(monkeypatch, record)
    assert docs.url(RULES["AB109"]) is None
    log = json.loads(REPORTERS["sarif"](RULES.values()).render(Result()))
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and all("helpUri" not in r for r in driver["rules"])


def test_from_a_checkout_sarif_links_each_rule_to_its_page_on_disk(monkeypatch):
    _installed_from(monkeypatch, {"url": ROOT.as_uri(), "dir_info": {"editable": True}})
    log = json.loads(REPORTERS["sarif"](RULES.values()).render(Result()))
    links = [r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert len(links) == len(RULES)
    assert all(Path(unquote(urlparse(link).path)).is_file() for link in links)


def test_the_readme_lint_example_is_what_linting_the_first_draft_prints(cli, monkeypatch):
    """The README shows a run of `agreement lint samples/first-draft.yaml`, abridged: each line it shows is a line
    of a real run, and its last line is the real run's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```\nsamples/first-draft.yaml:", 1)[1].split("\n```", 1)[0]
    shown_lines = ["samples/first-draft.yaml:" + shown.splitlines()[0], *shown.splitlines()[1:]]
    monkeypatch.chdir(ROOT)  # the README runs it from the top of the repository
    run = cli("lint", "samples/first-draft.yaml")
    real = run.stdout.splitlines()
    assert [line for line in shown_lines if line != "..." and line not in real] == []
    assert shown_lines[-1] == real[-1]
