-- The article's genre where the page says so (news, opinion, analysis), else NULL.
ALTER TABLE articles ADD COLUMN genre TEXT;

-- How much a story matters (rasd.stories.importance), for "top stories" first; the stories
-- stored before are marked to be made again, which computes it and the actors below.
ALTER TABLE stories ADD COLUMN importance REAL NOT NULL DEFAULT 0;
-- Its principal actors (entity terms "e:<id>" named in most of its articles, outlets never):
-- a storyline links stories that share one.
ALTER TABLE stories ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';
CREATE INDEX stories_importance ON stories(importance DESC, last DESC, num DESC);
UPDATE stories SET dirty = 1;
