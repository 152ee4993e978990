"""The rule documentation as Markdown pages (`docs/rules/`), and the address they are published at, if any."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from .rules import PACKS, Rule

DISTRIBUTION = "agreement-builder"
FOLDER = "docs/rules"  # in the repository, beside the package
_PARTS = ("Why", "Fails", "Passes", "Fix")


def page(rule: Rule) -> str:
    """One rule's page: what it checks, then why, a failing and a passing example, and how to fix it."""
    body = rule.doc.split("\n\n", 1)[1] if "\n\n" in rule.doc else ""
    lead = body[: _first_part(body)].strip()
    lines = [f"# {rule.id} {rule.name}", "", rule.summary, "",
             f"Severity: **{rule.severity}**. Pack: `{rule.pack}`. Source: {rule.source}.", ""]
    if lead:
        lines += [lead, ""]
    for heading in _PARTS:
        text = rule.part(heading)
        if not text:
            continue
        lines += [f"## {heading}", ""]
        lines += ["```yaml", text, "```", ""] if heading in ("Fails", "Passes") else [text, ""]
    return "\n".join(lines)


def _first_part(body: str) -> int:
    starts = [body.find(f"{part}:") for part in _PARTS if f"{part}:" in body]
    return min(starts, default=len(body))


def index(rules: Iterable[Rule]) -> str:
    """The catalogue: every rule by pack, each linked to its page."""
    rules = list(rules)
    lines = ["# Lint rules", "",
             "Every rule `agreement lint` applies, by pack. `agreement rules ID` prints the same page in a terminal.",
             "These pages are generated from the rules themselves; do not edit them by hand.", ""]
    for pack, description in PACKS.items():
        members = [r for r in rules if r.pack == pack]
        if not members:
            continue
        lines += [f"## `{pack}`", "", description, "", "| rule | name | severity | checks |", "|---|---|---|---|"]
        lines += [f"| [{r.id}]({r.id}.md) | {r.name} | {r.severity} | {r.summary.replace('|', '&#124;')} |"
                  for r in members]
        lines.append("")
    return "\n".join(lines)


def write(folder: str | Path, rules: Iterable[Rule]) -> None:
    """Write the catalogue and every page into ``folder`` (how `docs/rules/` is regenerated)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rules = list(rules)
    (folder / "README.md").write_text(index(rules), encoding="utf-8")
    for rule in rules:
        (folder / f"{rule.id}.md").write_text(page(rule), encoding="utf-8")


@cache
def home() -> str | None:
    """Where the documentation of this copy of the tool can be read, from how it was installed: the commit of a
    GitHub or GitLab repository it was installed from, or the folder of a local checkout; else nothing."""
    try:
        recorded = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not recorded:
        return None
    try:
        origin = json.loads(recorded)
        url, commit = str(origin["url"]), origin.get("vcs_info", {}).get("commit_id")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    parsed = urlparse(url)
    if parsed.scheme == "file":
        folder = Path(unquote(parsed.path)) / FOLDER
        return folder.as_uri() + "/" if folder.is_dir() else None
    if parsed.scheme == "https" and commit and parsed.hostname in ("github.com", "gitlab.com"):
        repository = url.removesuffix(".git").rstrip("/")
        blob = "blob" if parsed.hostname == "github.com" else "-/blob"
        return f"{repository}/{blob}/{commit}/{FOLDER}/"
    return None


def url(rule: Rule) -> str | None:
    """The address of one rule's page, when the documentation has one (see `home`)."""
    base = home()
    return f"{base}{rule.id}.md" if base else None
