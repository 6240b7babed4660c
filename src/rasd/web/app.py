"""The web app and HTTP API: routes only. What a page shows is in `views`, how in `templates/`.

Every page answers in HTML and, at the same path with `.json` (or `?format=json`), in JSON
from the same view dict; `/api/...` is the documented JSON API (OpenAPI at `/docs`). Each
serving thread reads the store through its own read-only connection (`stores`), with a time
limit per request. Article text is untrusted: templates autoescape, only http(s) URLs become
links, and the Content-Security-Policy allows no inline script and nothing from another origin
(`guard` sets it on every answer, errors and static files included).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from rasd.settings import Settings
from rasd.store import Store
from rasd.web import views
from rasd.web.guard import Guard
from rasd.web.stores import QueryTooLong, Stores
from rasd.web.views import MAX_LIMIT, BadRequest, NotFound

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1–{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many to skip")]
Since = Annotated[Optional[str], Query(alias="from", description="YYYY-MM-DD")]
Until = Annotated[Optional[str], Query(alias="to", description="YYYY-MM-DD")]
Sort = Annotated[Literal["recent", "importance"],
                 Query(description="recent: newest first; importance: most outlets, articles and growth first (in a date range: by its articles of that range)")]
WEB_URL = re.compile(r"https?://", re.IGNORECASE)  # from the first character: no leading blanks
DB_VARIABLE = "RASD_SERVE_DB"  # how `rasd serve --workers N` tells each worker process its store
# uvicorn's h11 drops a request whose line and headers exceed 16 KB when they come in more than one
# read (over a network, or on a busy machine): a long URL then gets no answer at all. Up to this
# size it reaches the app, which answers it; beyond it, uvicorn still refuses.
MAX_REQUEST_HEAD = 256 * 1024


def create_app(db: str | Path, settings: Settings | None = None) -> FastAPI:
    Store(db, readonly=True).close()  # fail now, with the message, if there is no store
    stores = Stores(db, (settings or Settings()).query_time_limit)
    app = FastAPI(title="Rasd", description="Arabic news as stories, storylines, events, entities and quotes.",
                  version="1", docs_url=None, redoc_url=None)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(packages=[("rasd.web", "static")]), name="static")
    env = Environment(loader=PackageLoader("rasd.web"), autoescape=select_autoescape(default=True))
    env.globals.update(json_url=_json_url, page_url=_page_url)
    env.filters["web_url"] = web_url

    def respond(request: Request, template: str, data: dict[str, Any], status: int = 200,
                headers: dict[str, str] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse(data, status_code=status, headers=headers)
        html = env.get_template(template).render(data=data, request=request, path=request.url.path)
        return HTMLResponse(html, status_code=status, headers=headers)

    def show(request: Request, template: str, view: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> Response:
        """The page of `view`, read with this thread's connection (sync routes run on a thread pool)."""
        with stores.store() as store:
            data = view(store, *args, **kwargs)
        return respond(request, template, data)

    # -- errors: JSON with a message for the API and twins, a page for people ------------------
    def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        data = {"error": {"status": status, "message": message}}
        return respond(request, "error.html", data, status, headers)

    app.add_middleware(Guard, error=error)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
        return error(request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, "no such page" if exc.status_code == 404 else str(exc.detail), exc.headers)

    @app.exception_handler(QueryTooLong)
    async def too_long(request: Request, exc: QueryTooLong) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    async def store_busy(request: Request, exc: sqlite3.OperationalError) -> Response:  # e.g. "database is locked"
        return error(request, 503, f"the store cannot be read just now ({exc}); try again", {"Retry-After": "1"})

    # -- pages and their API twins (one function serves both paths) ---------------------------
    @app.get("/api/stories", summary="Stories, newest or most important first", tags=["stories"])
    @app.get("/", include_in_schema=False)
    def timeline(request: Request, since: Since = None, until: Until = None,
                 entity: Annotated[Optional[str], Query(description="a name, any spelling")] = None,
                 source: Optional[str] = None, sort: Sort = "recent", limit: Limit = 50, offset: Offset = 0) -> Response:
        return show(request, "timeline.html", views.timeline, since=since, until=until, entity=entity,
                    source=source, sort=sort, limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", summary="One story: articles, summary, events, quotes", tags=["stories"])
    @app.get("/stories/{story_id}", include_in_schema=False)
    def story(request: Request, story_id: str) -> Response:
        return show(request, "story.html", views.story, story_id)

    @app.get("/api/storylines", summary="Storylines with their dated stories", tags=["stories"])
    @app.get("/storylines", include_in_schema=False)
    def storylines(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
        return show(request, "storylines.html", views.storylines, limit=limit, offset=offset)

    @app.get("/api/storylines/{storyline_id}", summary="One storyline", tags=["stories"])
    @app.get("/storylines/{storyline_id}", include_in_schema=False)
    def storyline(request: Request, storyline_id: str) -> Response:
        return show(request, "storyline.html", views.storyline, storyline_id)

    @app.get("/api/events", summary="Events in date order", tags=["stories"])
    @app.get("/events", include_in_schema=False)
    def events(request: Request,
               type_: Annotated[Optional[list[str]], Query(alias="type", description=", ".join(views.EVENT_TYPES))] = None,
               entity_id: Optional[str] = None, limit: Limit = 50, offset: Offset = 0) -> Response:
        return show(request, "events.html", views.events, types=type_, entity_id=entity_id,
                    limit=limit, offset=offset)

    @app.get("/api/articles", summary="Articles (originals, not duplicates), newest first", tags=["articles"])
    @app.get("/articles", include_in_schema=False)
    def articles(request: Request, since: Since = None, until: Until = None,
                 source: Optional[str] = None, story_id: Optional[str] = None,
                 limit: Limit = 50, offset: Offset = 0) -> Response:
        return show(request, "articles.html", views.articles, since=since, until=until, source=source,
                    story_id=story_id, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", summary="One article, with entities, quotes, dates, events", tags=["articles"])
    @app.get("/articles/{article_id}", include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        return show(request, "article.html", views.article, article_id)

    @app.get("/api/entities", summary="Entities, most mentioned first", tags=["entities"])
    @app.get("/entities", include_in_schema=False)
    def entities(request: Request,
                 type_: Annotated[Optional[str], Query(alias="type", description="PER, ORG or LOC")] = None,
                 limit: Limit = 50, offset: Offset = 0) -> Response:
        return show(request, "entities.html", views.entities, type_=type_, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id}", summary="One entity: mentions over time, quotes, co-occurring entities",
             tags=["entities"])
    @app.get("/entities/{entity_id}", include_in_schema=False)
    def entity(request: Request, entity_id: str) -> Response:
        return show(request, "entity.html", views.entity, entity_id)

    @app.get("/api/search", summary="Full-text search, Arabic-aware, BM25-ranked", tags=["search"])
    @app.get("/search", include_in_schema=False)
    def search(request: Request,
               q: Annotated[Optional[str], Query(max_length=1000, description="words to find")] = None,
               since: Since = None, until: Until = None, source: Optional[str] = None,
               entity: Annotated[Optional[str], Query(description="only articles mentioning this name")] = None,
               story_id: Optional[str] = None, limit: Annotated[int, Query(ge=1, le=100)] = 20,
               offset: Offset = 0) -> Response:
        return show(request, "search.html", views.search, q=q, since=since, until=until, source=source,
                    entity=entity, story_id=story_id, limit=limit, offset=offset)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:  # Swagger UI from its wheel, started by a script file: nothing inline
        return HTMLResponse(env.get_template("docs.html").render())

    return app


def app_from_environment() -> FastAPI:
    """`create_app` for `rasd serve --workers N`, whose worker processes each build their own."""
    return create_app(os.environ[DB_VARIABLE])


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address, else None: a stored URL is untrusted, and any other
    scheme (javascript:, vbscript:, data:, in any case, after any whitespace) must not become a link."""
    return url if url and WEB_URL.match(url) else None


def _json_url(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/"  # the timeline's twin is /.json
    return f"{path}.json" + (f"?{request.url.query}" if request.url.query else "")


def _page_url(request: Request, offset: int) -> str:
    url = request.url.include_query_params(offset=offset)
    return f"{url.path}?{url.query}"


def _wants_json(request: Request) -> bool:
    return (request.url.path.startswith("/api/") or request.scope.get("rasd_json", False)
            or request.query_params.get("format") == "json")
