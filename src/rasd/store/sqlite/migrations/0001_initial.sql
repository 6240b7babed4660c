-- Pages read, the articles found on them, the near-duplicate index and the failures.
CREATE TABLE pages (
    key TEXT PRIMARY KEY,          -- digest of page id and content: re-ingest skips known keys
    page TEXT NOT NULL,
    path TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE articles (
    num INTEGER PRIMARY KEY,       -- insertion order
    id TEXT NOT NULL UNIQUE,
    page_key TEXT NOT NULL REFERENCES pages(key),
    page TEXT NOT NULL,
    page_index INTEGER NOT NULL,
    path TEXT NOT NULL,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id),
    story_id TEXT,
    entities TEXT NOT NULL DEFAULT '[]',
    quotes TEXT NOT NULL DEFAULT '[]',
    dates TEXT NOT NULL DEFAULT '[]',
    text_hash TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    minhash BLOB NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_text_hash ON articles(text_hash) WHERE duplicate_of IS NULL;
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_published ON articles(published);

-- LSH bands of canonical articles: rows sharing a key are near-duplicate candidates.
CREATE TABLE minhash_bands (
    key INTEGER NOT NULL,
    article_num INTEGER NOT NULL REFERENCES articles(num),
    PRIMARY KEY (key, article_num)
) WITHOUT ROWID;

CREATE TABLE errors (
    key TEXT PRIMARY KEY,          -- the page key, or a digest of the path when unreadable
    page TEXT,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    paths TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}'
);
