"""The server over plain HTTP: it answers only its own page, with its token, and edits the file it serves."""

from __future__ import annotations

import http.client
import io
import json
from typing import Any

import docx
import pytest
from ooxml import check_docx
from serving import Served


def _request(served: Served, method: str, path: str, body: Any = None, *, token: bool = True,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", served.app.port, timeout=60)
    sent = {"Host": f"127.0.0.1:{served.app.port}", "Content-Type": "application/json"}
    if token:
        sent["X-Agreement-Token"] = served.app.token
    sent.update(headers or {})
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=sent)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), payload


def test_the_server_listens_on_this_computer_only(serve: Any) -> None:
    served = serve("first-draft.yaml")
    assert served.server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("path", ["/", "/api/state", "/preview", "/static/serve.js", "/download/docx"])
def test_a_request_without_the_token_is_refused(serve: Any, path: str) -> None:
    served = serve("first-draft.yaml")
    status, _, body = _request(served, "GET", path, token=False)
    assert status == 403 and b"token" in body


def test_a_request_with_a_wrong_token_is_refused(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, _, _ = _request(served, "GET", "/", token=False, headers={"X-Agreement-Token": "guess"})
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1", "localhost:1"])
def test_a_request_naming_a_foreign_host_is_refused_even_with_the_token(serve: Any, host: str) -> None:
    served = serve("first-draft.yaml")
    before = served.path.read_bytes()
    status, _, _ = _request(served, "POST", "/api/edit", {"op": "set", "path": "/agreement/version", "value": "x",
                                                          "revision": served.app.store.state.revision},
                            headers={"Host": host})
    assert status == 403 and served.path.read_bytes() == before


def test_a_post_from_another_sites_page_is_refused(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, _, _ = _request(served, "POST", "/api/edit", {"op": "set", "path": "/agreement/version", "value": "x"},
                            headers={"Origin": "https://evil.example"})
    assert status == 403


def test_the_page_has_the_token_and_a_policy_that_allows_nothing_from_elsewhere(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, headers, body = _request(served, "GET", f"/?token={served.app.token}", token=False)
    assert status == 200
    assert "default-src 'none'" in headers["Content-Security-Policy"] and headers["Referrer-Policy"] == "no-referrer"
    assert b"http://" not in body.replace(b"http://www.w3.org", b"") and b"https://" not in body


def test_an_edit_writes_the_file_and_answers_with_the_findings(serve: Any) -> None:
    served = serve("first-draft.yaml")
    revision = served.app.store.state.revision
    status, _, body = _request(served, "POST", "/api/edit", {"op": "set", "path": "/agreement/version",
                                                             "value": "0.4", "revision": revision})
    reply = json.loads(body)
    assert status == 200 and reply["revision"] != revision
    assert 'version: "0.4"' in served.path.read_text(encoding="utf-8")
    assert {f["rule"] for f in reply["findings"]} >= {"AB108", "AB111"}


def test_an_edit_to_a_file_changed_meanwhile_is_refused_with_409(serve: Any) -> None:
    served = serve("first-draft.yaml")
    revision = served.app.store.state.revision
    served.path.write_text(served.path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    status, _, body = _request(served, "POST", "/api/edit", {"op": "set", "path": "/agreement/version",
                                                             "value": "0.4", "revision": revision})
    assert status == 409 and "another program" in json.loads(body)["error"]
    assert served.path.read_text(encoding="utf-8").endswith("# edited elsewhere\n")


def test_adding_an_entry_answers_with_the_list_drawn_again(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, _, body = _request(served, "POST", "/api/edit", {"op": "add", "path": "/behaviours",
                                                             "revision": served.app.store.state.revision})
    reply = json.loads(body)
    assert status == 200 and reply["fragment"]["path"] == "/behaviours"
    assert 'data-path="/behaviours/0"' in reply["fragment"]["html"]


def test_a_bad_edit_is_refused_with_its_reason(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, _, body = _request(served, "POST", "/api/edit", {"op": "set", "path": "/anything", "kind": "raw",
                                                             "value": "{not json", "revision": "x"})
    assert status in (400, 409) and json.loads(body)["error"]
    status, _, body = _request(served, "POST", "/api/edit", {"op": "explode", "path": "/agreement",
                                                             "revision": served.app.store.state.revision})
    assert status == 400 and "unknown kind of edit" in json.loads(body)["error"]


def test_the_preview_is_the_drafted_agreement(serve: Any) -> None:
    served = serve("first-draft.yaml")
    status, headers, body = _request(served, "GET", "/preview")
    assert status == 200 and b"Eastmuir Community Rehabilitation Team" in body
    assert "script-src" not in headers["Content-Security-Policy"]


def test_the_docx_download_opens_and_validates(serve: Any, tmp_path: Any) -> None:
    served = serve("complete.yaml")
    status, headers, body = _request(served, "GET", "/download/docx")
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="complete.docx"'
    saved = tmp_path / "downloaded.docx"
    saved.write_bytes(body)
    assert docx.Document(io.BytesIO(body)).paragraphs
    assert check_docx(saved) == []


def test_the_pdf_download_says_clearly_when_libreoffice_is_missing(serve: Any, monkeypatch: Any) -> None:
    served = serve("first-draft.yaml")
    monkeypatch.setattr("agreement_builder.writers.pdf.soffice", lambda: None)
    status, _, body = _request(served, "GET", "/download/pdf")
    assert status == 503 and "needs LibreOffice" in json.loads(body)["error"]
    status, _, page = _request(served, "GET", "/")
    assert b"PDF needs LibreOffice, which is not installed" in page
