-- Each article's story term counts (content words and canonical entities, as the story
-- assigner weighed them), so that organising a story reads them instead of re-reading
-- every member's text. NULL for articles stored before this version, or that were never
-- weighed (a duplicate that joined its original's story): those are counted from the text.
ALTER TABLE articles ADD COLUMN terms TEXT;
