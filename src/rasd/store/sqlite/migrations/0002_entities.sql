-- Canonical entities, the spellings they were seen under, and the keys that find them.
CREATE TABLE entities (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,            -- PER, ORG, LOC, MISC
    name TEXT NOT NULL,            -- the display name: the fullest spelling seen most
    mentions INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entity_variants (
    entity_num INTEGER NOT NULL REFERENCES entities(num),
    variant TEXT NOT NULL,         -- as written in an article
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_num, variant)
) WITHOUT ROWID;

-- Lookup keys: "n:" normalised name, "s:" spelling skeleton, "f:" family name and "b:" name
-- with father's name ("محمد بن سلمان") of a person.
CREATE TABLE entity_keys (
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_num INTEGER NOT NULL REFERENCES entities(num),
    PRIMARY KEY (key, type, entity_num)
) WITHOUT ROWID;
