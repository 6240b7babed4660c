-- What the web pages read, found through indexes instead of by reading the archive: a page
-- at any offset, the outlets, an entity's quotes.

-- Articles newest first, all or of one outlet (search_docs rows are small; the articles
-- table holds the text); the outlets, one index step each.
CREATE INDEX search_docs_published ON search_docs(canonical, published);
CREATE INDEX search_docs_source ON search_docs(source, canonical, published);

-- The timeline (stories by last date) and the storylines (by their newest story's date).
CREATE INDEX stories_last ON stories(last);
CREATE INDEX stories_storyline_last ON stories(storyline_num, last);

-- Entities most mentioned first, all or of one type; events in date order, undated last.
CREATE INDEX entities_mentions ON entities(mentions DESC, name);
CREATE INDEX entities_type_mentions ON entities(type, mentions DESC, name);
CREATE INDEX events_dated ON events(date IS NULL, date);

-- Who is quoted in which canonical article, newest first. Kept by a trigger: an article row
-- is written once, with its quotes and their speakers, and never changed.
CREATE TABLE quote_speakers (
    speaker_id TEXT NOT NULL,
    published TEXT,
    article_num INTEGER NOT NULL REFERENCES articles(num),
    quote_index INTEGER NOT NULL   -- the quote's place in the article's quotes
);
CREATE INDEX quote_speakers_newest ON quote_speakers(speaker_id, published DESC, article_num, quote_index);
CREATE TRIGGER quote_speakers_add AFTER INSERT ON articles WHEN new.duplicate_of IS NULL AND new.quotes != '[]' BEGIN INSERT INTO quote_speakers (speaker_id, published, article_num, quote_index) SELECT json_extract(q.value, '$.speaker_id'), new.published, new.num, q.key FROM json_each(new.quotes) q WHERE json_extract(q.value, '$.speaker_id') IS NOT NULL; END;
INSERT INTO quote_speakers (speaker_id, published, article_num, quote_index)
    SELECT json_extract(q.value, '$.speaker_id'), a.published, a.num, q.key
    FROM articles a, json_each(a.quotes) q
    WHERE a.duplicate_of IS NULL AND json_extract(q.value, '$.speaker_id') IS NOT NULL
