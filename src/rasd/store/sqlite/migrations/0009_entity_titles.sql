-- The titles written before a person ("الرئيس الروسي", "وزير الخارجية"), as written, with the
-- first and last publication day they were seen and how often: who holds which office, when.
CREATE TABLE entity_titles (
    entity_num INTEGER NOT NULL REFERENCES entities(num),
    title TEXT NOT NULL,
    first TEXT,
    last TEXT,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_num, title)
) WITHOUT ROWID;
