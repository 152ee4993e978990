"""The local web server: the page, the edit API, the preview and downloads; loopback only, behind a token."""

from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import AgreementError, UsageError
from ..schema import schema
from .page import Page, state_json
from .store import Conflict, Edit, EditRefused, Store, coerce

HOST = "127.0.0.1"
MAX_BODY = 1024 * 1024  # an edit is one field; an agreement file is at most 5 MB
STATIC = {"serve.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8",
          "icon.svg": "image/svg+xml"}
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                "frame-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
# The drafted agreement is our own HTML with its own style sheet: it may hold styles, nothing else.
_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'"


class App:
    """What the handler serves: one file's store and page, behind one token."""

    def __init__(self, path: Path, token: str | None = None) -> None:
        if not path.is_file():
            raise UsageError(f"{path}: no such file; `agreement init {path}` writes a starter to begin from")
        self.path = path
        self.schema = schema()
        self.store = Store(path, self.schema)
        self.page = Page(self.schema)
        self.token = token or secrets.token_urlsafe(24)
        self.port = 0

    def origin_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    def url(self) -> str:
        return f"http://{HOST}:{self.port}/?token={self.token}"


def parse_pointer(text: str, data: Any) -> tuple[str | int, ...]:
    """A JSON pointer as steps; a step into a list (or where the data has nothing yet, a number) is an index."""
    if text == "":
        return ()
    if not text.startswith("/"):
        raise EditRefused(f"'{text}' is not a path in the file")
    steps: list[str | int] = []
    here = data
    for raw in text[1:].split("/"):
        step: str | int = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(here, list) or (here is None and str(step).isdigit()):
            if not str(step).isdigit():
                raise EditRefused(f"'{text}' is not a path in the file")
            step = int(step)
            here = here[step] if isinstance(here, list) and step < len(here) else None
        else:
            here = here.get(step) if isinstance(here, dict) else None
        steps.append(step)
    return tuple(steps)


class Handler(BaseHTTPRequestHandler):
    """One request: checked for host and token first, then routed."""

    app: App  # set on the subclass `serve` makes
    server_version = "agreement-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the person running the command needs no access log in their terminal

    # ------------------------------------------------------------ checks

    def _allowed(self) -> tuple[str, dict[str, list[str]]] | None:
        """The route and query when the request may be served; otherwise the refusal is sent and None returned."""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        # Another site's page (or one reached by DNS rebinding) names another host, or says it is cross-site.
        if self.headers.get("Host") not in self.app.origin_hosts():
            self._error(HTTPStatus.FORBIDDEN, "this server answers only requests addressed to it on this computer")
            return None
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc not in self.app.origin_hosts():
            self._error(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
            return None
        given = self.headers.get("X-Agreement-Token") or (query.get("token") or [""])[0]
        if not hmac.compare_digest(given.encode(), self.app.token.encode()):
            self._error(HTTPStatus.FORBIDDEN, "this page needs the address `agreement serve` printed, with its token")
            return None
        return parts.path, query

    # ------------------------------------------------------------ routes

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        allowed = self._allowed()
        if allowed is None:
            return
        route, query = allowed
        routes: dict[str, Callable[[], None]] = {
            "/": self._page, "/api/state": self._state, "/preview": self._preview,
        }
        if route in routes:
            routes[route]()
        elif route.startswith("/static/") and route[8:] in STATIC:
            name = route[8:]
            body = resources.files("agreement_builder.serve").joinpath("static").joinpath(name).read_bytes()
            self._send(HTTPStatus.OK, STATIC[name], body, cache=True)
        elif route.startswith("/download/") and route[10:] in FORMATS:
            self._download(route[10:])
        else:
            self._error(HTTPStatus.NOT_FOUND, "no such page")

    def do_POST(self) -> None:  # noqa: N802
        allowed = self._allowed()
        if allowed is None:
            return
        route, _ = allowed
        if route != "/api/edit":
            self._error(HTTPStatus.NOT_FOUND, "no such page")
            return
        if self.headers.get_content_type() != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "an edit is sent as JSON")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "this edit is too large")
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "an edit is a JSON object")
            return
        self._edit(body)

    def _page(self) -> None:
        state = self.app.store.current()
        html = self.app.page.render(state, self.app.path, self.app.token)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode("utf-8"), policy=_PAGE_POLICY)

    def _state(self) -> None:
        self._json(HTTPStatus.OK, state_json(self.app.store.current()))

    def _edit(self, body: dict[str, Any]) -> None:
        store = self.app.store
        try:
            data = store.state.data
            path = parse_pointer(str(body.get("path", "")), data)
            op = str(body.get("op", ""))
            if op == "choose":
                # Another kind of answer: what was written for the old kind goes, and the new kind's fields show.
                state = store.apply(Edit("set", path, None), str(body.get("revision", "")))
                fragment = self.app.page.fragment(state, path, {str(body.get("path")): int(body.get("to", 0))})
                self._json(HTTPStatus.OK, state_json(state) | {"fragment": fragment})
                return
            value = body.get("value")
            if op == "set":
                value = coerce(self.app.schema, data, path, value if isinstance(value, str) else None,
                               str(body.get("kind", "text")))
            edit = Edit(op, path, value, int(body.get("to", 0)))
            state = store.apply(edit, str(body.get("revision", "")))
        except Conflict as e:
            self._json(HTTPStatus.CONFLICT, {"error": str(e)} | state_json(store.state))
            return
        except (EditRefused, ValueError, TypeError) as e:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(e)} | state_json(store.state))
            return
        reply = state_json(state)
        if op in ("add", "remove", "move"):
            # The list (or for a removed key, the group) is drawn again: its entries' places have changed.
            where = path if op == "add" else path[:-1]
            reply["fragment"] = self.app.page.fragment(state, where)
        self._json(HTTPStatus.OK, reply)

    def _preview(self) -> None:
        from ..build import build
        from ..drafting import Options

        started = time.perf_counter()
        try:
            # A final document with lint errors is previewed with its notes; only a download is refused.
            built = build(str(self.app.path), "html", options=Options(allow_errors=True))
        except AgreementError as e:
            body = self.app.page.message("The preview cannot be drawn", str(e))
        else:
            body = built.content or self.app.page.message(
                "The preview appears when the file is valid",
                "; ".join(f"line {f.line}: {f.message}" for f in sorted(built.findings)[:5]))
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, policy=_PREVIEW_POLICY,
                   extra={"Server-Timing": f"build;dur={(time.perf_counter() - started) * 1000:.0f}"})

    def _download(self, fmt: str) -> None:
        from ..build import build

        try:
            built = build(str(self.app.path), fmt)
        except AgreementError as e:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(e))
            return
        if built.content is None:
            self._error(HTTPStatus.CONFLICT, "the file has problems to fix before it can be drafted: "
                        + "; ".join(f"line {f.line}: {f.message}" for f in sorted(built.findings)[:3]))
            return
        name = self.app.path.with_suffix("." + fmt).name
        self._send(HTTPStatus.OK, FORMATS[fmt], built.content,
                   extra={"Content-Disposition": f'attachment; filename="{_header_safe(name)}"'})

    # ------------------------------------------------------------ replies

    def _json(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, "application/json; charset=utf-8", body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._json(status, {"error": message})

    def _send(self, status: HTTPStatus, kind: str, body: bytes, *, policy: str = "default-src 'none'",
              cache: bool = False, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": kind, "Content-Length": str(len(body)),
                   "Cache-Control": "private, max-age=3600" if cache else "no-store",
                   "Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin"}
        for name, value in (headers | (extra or {})).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _header_safe(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)


def make_server(app: App, port: int = 0) -> ThreadingHTTPServer:
    """A server for ``app`` on the loopback address only; ``port`` 0 takes any free one."""
    handler = type("BoundHandler", (Handler,), {"app": app})
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as e:
        raise UsageError(f"cannot listen on {HOST}:{port}: {e.strerror or e}") from e
    server.daemon_threads = True
    app.port = server.server_address[1]
    return server


def serve(path: Path, port: int = 0, browser: bool = True, echo: Callable[[str], None] = print) -> None:
    """Serve ``path`` until interrupted, opening the browser at it unless told not to."""
    app = App(path)
    server = make_server(app, port)
    echo(f"Editing {path} at {app.url()}")
    echo("Every change is saved to the file as you make it. Press Ctrl-C here to stop.")
    if browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(app.url(),), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        sys.stdout.flush()
