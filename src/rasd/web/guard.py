"""What every request goes through, whatever answers it (a page, the API, a static file, an
error): `.json` twins routed to their page, HEAD answered as GET without the body, the
security headers set, and an unexpected exception turned into the app's own 500 answer.

A plain ASGI middleware rather than Starlette's `BaseHTTPMiddleware`, which costs a task and
two streams per request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")  # Swagger UI styles inline
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
NOT_TWINS = ("/api/", "/static/", "/openapi")  # paths whose own name may end in .json

log = logging.getLogger("rasd.web")


class Guard:
    def __init__(self, app: ASGIApp, error: Callable[[Request, int, str], Response]) -> None:
        self.app = app
        self.error = error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        head = scope["method"] == "HEAD"
        scope = {**scope, "method": "GET"} if head else dict(scope)
        if path.endswith(".json") and not path.startswith(NOT_TWINS):
            scope["path"] = path[: -len(".json")] or "/"
            scope["rasd_json"] = True
        csp = DOCS_CSP if path == "/docs" else CSP
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = csp
                headers.update(HEADERS)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception:
            if started:  # half an answer is out: the server can only drop the connection
                raise
            log.exception("%s %s failed", scope["method"], path)
            await self.error(Request(scope), 500, "internal error: the server could not answer this request")(
                scope, receive, send_guarded)
