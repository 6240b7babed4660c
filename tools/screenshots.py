"""Screenshots of the main pages for docs/screenshots/, from the bundled sample corpus.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Ingests samples/ into a temporary store, serves it on a free local port and photographs the
timeline, a story, an entity, a search and a storyline in Debian's headless Chromium, at
desktop width and (timeline, story) at phone width.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from rasd.cli import SAMPLES
from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store
from rasd.web import create_app


def _serve(db: Path) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _get(url: str) -> dict:
    with urlopen(url) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.db"
        with Store(db) as store:
            ingest([str(SAMPLES)], store, Settings())
        base, server = _serve(db)
        story = max(_get(base + "/api/stories?limit=200")["stories"], key=lambda s: len(s["article_ids"]))
        person = _get(base + "/api/entities?type=PER&limit=1")["entities"][0]
        line = _get(base + "/api/storylines")["storylines"][0]
        pages = {"timeline": "/", "story": f"/stories/{story['id']}", "entity": f"/entities/{person['id']}",
                 "search": "/search?q=" + quote("ترمب"), "storyline": f"/storylines/{line['id']}"}
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            for width, height, suffix, names in ((1200, 1500, "", pages), (400, 860, "-phone", ("timeline", "story"))):
                driver.set_window_size(width, height)
                for name in names:
                    driver.get(base + pages[name])
                    driver.save_screenshot(str(args.out / f"{name}{suffix}.png"))
                    print(args.out / f"{name}{suffix}.png")
        finally:
            driver.quit()
            server.should_exit = True


if __name__ == "__main__":
    main()
