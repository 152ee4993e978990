"""`agreement serve` in a real browser (Debian's Chromium through Playwright): what a person sees and does."""

from __future__ import annotations

import difflib
import io
import json
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from ooxml import check_docx
from serving import SAMPLES, Served

from agreement_builder.lint import lint

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".json"))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # The page's own policy forbids inline and evaluated scripts; the test's scripts (the accessibility checker,
    # waits on conditions) are let through, as the policy itself is tested over HTTP.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, bypass_csp=True)
    opened = context.new_page()
    opened.problems = []  # type: ignore[attr-defined]
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    outside: list[str] = []
    opened.outside = outside  # type: ignore[attr-defined]
    opened.on("request", lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1:") else None)
    yield opened
    context.close()


def _open(page: Any, served: Served) -> None:
    page.goto(served.url)
    page.wait_for_selector("body[data-ready]")


def _saved(page: Any, count: int) -> None:
    """Wait until the page has saved ``count`` changes since it opened."""
    page.wait_for_function(f"Number(document.body.dataset.saves || 0) >= {count}")


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_each_sample_opens_with_its_findings_at_their_fields(serve: Any, page: Any, sample: str) -> None:
    served = serve(sample)
    _open(page, served)
    expected = [f for f in lint(str(served.path)) if f.waived is None]
    shown = page.eval_on_selector_all(
        "li.finding:not(.waived)",
        "els => els.map(e => [e.closest('[data-path]') ? e.closest('[data-path]').dataset.path : '', "
        "e.textContent])")
    assert len(shown) == len(expected)
    for finding in expected:
        message = finding.message.replace("`", "")  # the page sets `code` as code
        assert any(message in text and (path == finding.path or finding.path.startswith(path + "/"))
                   for path, text in shown), finding
    assert page.problems == [] and page.outside == []


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_each_sample_passes_the_accessibility_checker(serve: Any, page: Any, axe_source: str,
                                                      sample: str) -> None:
    served = serve(sample)
    _open(page, served)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert violations == []


def test_editing_a_field_changes_that_line_of_the_file_only_and_keeps_every_comment(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    before = served.path.read_text(encoding="utf-8")
    _open(page, served)
    page.fill("#f-agreement-partnership_name", "the Rehabilitation Team")
    _saved(page, 1)
    after = served.path.read_text(encoding="utf-8")
    assert _changed(before, after) == ["-  partnership_name: the Team", "+  partnership_name: the Rehabilitation Team"]
    assert [x for x in after.splitlines() if x.startswith("#")] == [x for x in before.splitlines() if x.startswith("#")]


def test_a_finding_updates_as_the_field_is_filled_in(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    field = "[data-path='/membership/review'] li.finding"
    assert "when the mix of members is looked at again" in page.text_content(field)
    page.fill("#f-membership-review", "The Board reviews the membership every two years.")
    page.wait_for_selector(field, state="detached")
    assert "review: The Board reviews the membership every two years." in served.path.read_text(encoding="utf-8")
    assert "Saved." in page.text_content("#status")


def test_adding_and_removing_a_repeated_item(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    page.click("button[data-action=add][data-target='/behaviours']")
    page.wait_for_selector("[data-path='/behaviours/0'] textarea")
    page.fill("#f-behaviours-0", "We share problems early.")
    page.locator("#f-behaviours-0").blur()
    _saved(page, 2)
    page.click("button[data-action=add][data-target='/behaviours']")
    page.wait_for_selector("#f-behaviours-1")
    _saved(page, 3)
    assert served.app.store.current().data["behaviours"] == ["We share problems early.", "[Behaviour]"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-path='/behaviours/1'] button[data-action=remove]")
    page.wait_for_selector("#f-behaviours-1", state="detached")
    _saved(page, 4)
    assert served.app.store.current().data["behaviours"] == ["We share problems early."]


def test_reordering_entries_with_the_keyboard(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    page.focus("[data-path='/parties/0'] summary")
    page.keyboard.press("Enter")  # opens the entry
    page.focus("[data-path='/parties/0'] button[aria-label='Move down: Party 1']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector(\"[data-path='/parties/1'] .entry-summary\")"
                           ".textContent.includes('Eastmuir Council')")
    assert [p["id"] for p in served.app.store.current().data["parties"]] == ["nhse", "emc", "ecr"]


def test_following_a_finding_from_the_sidebar_reaches_its_field(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    link = page.locator(".sections li[data-section='/parties'] a.jump").nth(2)  # one inside a closed entry
    text = link.text_content()
    link.click()
    focused = page.evaluate("document.activeElement.closest('[data-path]').dataset.path")
    assert focused.startswith("/parties/0/representatives/1")
    assert page.locator("[data-path='/parties/0'] details").first.evaluate("d => d.open")
    assert text.split(": ", 1)[1][:30] in page.evaluate(
        "document.activeElement.closest('[data-path]').textContent")


def test_waiving_a_finding_with_its_reason(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    finding = page.locator("[data-path='/definitions'] li.finding").first
    finding.locator("button", has_text="Waive").click()
    page.fill("[data-path='/definitions'] .waive textarea", "The agreement uses no defined terms.")
    page.click("[data-path='/definitions'] .waive button:has-text('Add the waiver')")
    page.wait_for_selector("[data-path='/definitions'] li.finding.waived")
    waiver = served.app.store.current().data["waivers"][-1]
    assert waiver == {"rule": "AB217", "path": "/definitions", "reason": "The agreement uses no defined terms."}


def test_downloading_the_docx_gives_one_that_opens_and_validates(serve: Any, page: Any, tmp_path: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    with page.expect_download() as download:
        page.click("#download-docx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "first-draft.docx"
    assert docx.Document(io.BytesIO(saved.read_bytes())).paragraphs
    assert check_docx(saved) == []


def test_a_change_made_in_a_text_editor_is_noticed_and_not_overwritten(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    _open(page, served)
    edited = served.path.read_text(encoding="utf-8").replace('version: "0.3"', 'version: "0.5"')
    served.path.write_text(edited, encoding="utf-8")
    page.fill("#f-agreement-short_name", "the Rehabilitation Team")
    page.locator("#f-agreement-short_name").blur()
    page.wait_for_selector("#banner:not([hidden])")
    assert "changed by another program" in page.text_content("#banner")
    assert served.path.read_text(encoding="utf-8") == edited


def test_the_page_refuses_an_address_without_its_token(serve: Any, page: Any) -> None:
    served = serve("first-draft.yaml")
    response = page.goto(served.base + "/")
    assert response.status == 403 and "token" in json.loads(page.text_content("body"))["error"]
