-- What a resumed run must find exactly as an uninterrupted run left it.

-- Short lines a source printed, and on how many of its pages (rasd.clean.site_chrome): a line
-- on enough pages is site chrome. Written with the page that showed it, in its transaction.
CREATE TABLE site_chrome (
    source TEXT NOT NULL,
    line TEXT NOT NULL,
    pages INTEGER NOT NULL,
    PRIMARY KEY (source, line)
) WITHOUT ROWID;

-- A storyline whose stories changed since its label was made (set with the link, in the
-- same transaction; organise relabels and clears it).
ALTER TABLE storylines ADD COLUMN dirty INTEGER NOT NULL DEFAULT 0;
CREATE INDEX storylines_dirty ON storylines(num) WHERE dirty = 1
