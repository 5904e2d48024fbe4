-- What the secretariat knows about a request besides what its requester says, each item kept with who
-- said it: an objection lodged by another member country itself, or a refugee status, a status or a
-- fact recorded by a reviewer with its source. The check reads these; the requester cannot write them.
CREATE TABLE knowledge (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests (id),
    subject_index INTEGER,             -- NULL: about every subject of the request
    kind          TEXT NOT NULL CHECK (kind IN ('objection', 'refugee_status', 'status', 'fact')),
    body          TEXT NOT NULL,       -- the item as JSON, by kind
    source        TEXT NOT NULL,       -- where it comes from, as its recorder gives it
    known_on      TEXT,                -- the date the source gives, YYYY[-MM[-DD]]
    recorded_by   TEXT NOT NULL,       -- the actor, as the audit trail names it
    country       TEXT,                -- the member country that said it (an objection's), or NULL
    recorded_at   TEXT NOT NULL
);
CREATE INDEX knowledge_by_request ON knowledge (request_id, id);

-- Why a notice in force waits for a reviewer again after new knowledge was weighed (NULL: it does not).
ALTER TABLE notices ADD COLUMN recheck TEXT;
