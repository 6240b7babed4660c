-- The article's genre where the page says so (news, opinion, analysis), else NULL.
ALTER TABLE articles ADD COLUMN genre TEXT;

-- How much a story matters (rasd.stories.importance), for "top stories" first; the stories
-- stored before are marked to be made again, which computes it.
ALTER TABLE stories ADD COLUMN importance REAL NOT NULL DEFAULT 0;
CREATE INDEX stories_importance ON stories(importance DESC, last DESC, num DESC);
UPDATE stories SET dirty = 1;
