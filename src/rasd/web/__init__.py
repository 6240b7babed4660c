"""The web app and HTTP API over one store (read-only): `create_app(db)`."""

from rasd.web.app import create_app

__all__ = ["create_app"]
