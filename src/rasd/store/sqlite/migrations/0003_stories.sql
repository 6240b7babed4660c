-- Stories (articles about one happening), storylines (stories linked over years), events.
ALTER TABLE articles ADD COLUMN events TEXT NOT NULL DEFAULT '[]';
CREATE INDEX articles_story_id ON articles(story_id) WHERE story_id IS NOT NULL;

-- In how many canonical articles a term (a word, or "e:" + an entity id) occurs: the IDF
-- of story vectors, kept up to date as articles arrive.
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stories (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    first TEXT,                    -- first and last publication date of its articles
    last TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    summed INTEGER NOT NULL DEFAULT 0,  -- how many article vectors the centroid sums (duplicates add none)
    centroid TEXT NOT NULL,        -- {term: weight}: sum of its articles' vectors, the top terms kept
    title TEXT,
    summary TEXT NOT NULL DEFAULT '[]',
    storyline_num INTEGER REFERENCES storylines(num),
    dirty INTEGER NOT NULL DEFAULT 1  -- changed since title, summary, events and storyline were made
);
CREATE INDEX stories_dirty ON stories(num) WHERE dirty = 1;
CREATE INDEX stories_storyline ON stories(storyline_num);

-- The story's strongest terms with its last date: an article finds the recent stories that
-- share a term with it without reading the archive.
CREATE TABLE story_keys (
    key TEXT NOT NULL,
    last TEXT NOT NULL,
    story_num INTEGER NOT NULL REFERENCES stories(num),
    PRIMARY KEY (key, last, story_num)
) WITHOUT ROWID;
CREATE INDEX story_keys_story ON story_keys(story_num);

CREATE TABLE storylines (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    centroid TEXT NOT NULL         -- {term: weight}: sum of its stories' centroids, the top terms kept
);

CREATE TABLE storyline_keys (
    key TEXT NOT NULL,
    storyline_num INTEGER NOT NULL REFERENCES storylines(num),
    PRIMARY KEY (key, storyline_num)
) WITHOUT ROWID;
CREATE INDEX storyline_keys_storyline ON storyline_keys(storyline_num);

CREATE TABLE events (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story_num INTEGER NOT NULL REFERENCES stories(num),
    type TEXT NOT NULL,
    date TEXT,
    place TEXT,
    participants TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    topics TEXT NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_num);
CREATE INDEX events_date ON events(date);
