-- Unnamed participants of a story's events, as written ("المبعوث الأميركي", "مصدر أمني"):
-- a JSON list beside the participants' entity ids. Events stored before this version have none.
ALTER TABLE events ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';
