-- What the secretariat knows about a request besides what its requester says, each item kept with who
-- said it: an objection lodged by another member country itself, or a refugee status, a status or a
-- fact recorded by a reviewer with its source. The check reads these; the requester cannot write them.
CREATE TABLE knowledge (
    id            BIGSERIAL PRIMARY KEY,
    request_id    BIGINT NOT NULL REFERENCES requests (id),
    subject_index INTEGER,
    kind          TEXT NOT NULL CHECK (kind IN ('objection', 'refugee_status', 'status', 'fact')),
    body          JSONB NOT NULL,
    source        TEXT NOT NULL,
    known_on      TEXT,
    recorded_by   TEXT NOT NULL,
    country       TEXT,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX knowledge_by_request ON knowledge (request_id, id);

-- Why a notice in force waits for a reviewer again after new knowledge was weighed (NULL: it does not).
ALTER TABLE notices ADD COLUMN recheck TEXT;
