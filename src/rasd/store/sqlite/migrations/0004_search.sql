-- Full-text search (rasd.search): an FTS5 index of every article's title and body, and the
-- entities each article mentions. The index holds the token stream of rasd.search.tokens
-- (normalised words and their clitic-free forms), not the text: it is contentless, the
-- text stays in `articles`, and rowid is articles.num. `rasd_search_tokens` is the Python
-- function the store registers on its connection before migrating.
CREATE VIRTUAL TABLE search_index USING fts5(title, body, content='', tokenize='ascii');

-- Document counts of index terms (how query words choose their clitic-free form).
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');

-- What search filters on, per article, in small rows (the articles table is wide: its text
-- comes before these columns): rowid is articles.num. Articles are never changed once stored.
CREATE TABLE search_docs (
    num INTEGER PRIMARY KEY REFERENCES articles(num),
    canonical INTEGER NOT NULL,    -- 1 unless the article is a duplicate of another
    published TEXT,
    source TEXT,
    story_id TEXT
);
CREATE INDEX search_docs_story ON search_docs(story_id);

-- Which canonical entities an article mentions: "articles mentioning X", "X over time".
CREATE TABLE article_entities (
    entity_id TEXT NOT NULL,
    article_num INTEGER NOT NULL REFERENCES articles(num),
    published TEXT,
    canonical INTEGER NOT NULL,    -- 1 unless the article is a duplicate of another
    PRIMARY KEY (entity_id, article_num)
) WITHOUT ROWID;
CREATE INDEX article_entities_article ON article_entities(article_num);

-- Backfill what older stores hold.
INSERT INTO search_index (rowid, title, body)
    SELECT num, rasd_search_tokens(title), rasd_search_tokens(text) FROM articles ORDER BY num;
INSERT INTO search_docs (num, canonical, published, source, story_id)
    SELECT num, duplicate_of IS NULL, published, source, story_id FROM articles;
INSERT OR IGNORE INTO article_entities (entity_id, article_num, published, canonical)
    SELECT json_extract(m.value, '$.entity_id'), a.num, a.published, a.duplicate_of IS NULL
    FROM articles a, json_each(a.entities) m
    WHERE json_extract(m.value, '$.entity_id') IS NOT NULL
