-- The review: each notice's automated check, the reviewers' decisions (a publication against a
-- `refuse` recommendation needs two reviewers), and when a notice was published and lapses.

ALTER TABLE notices ADD COLUMN recommendation TEXT
    CHECK (recommendation IN ('incomplete', 'refuse', 'review', 'clear'));
ALTER TABLE notices ADD COLUMN check_report JSONB;  -- the subject's report, as `dragnet check` prints it
ALTER TABLE notices ADD COLUMN submitted_at TIMESTAMPTZ;
ALTER TABLE notices ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE notices ADD COLUMN expires_at TIMESTAMPTZ;
CREATE INDEX notices_in_review ON notices (state, recommendation, submitted_at);

CREATE TABLE decisions (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id TEXT NOT NULL REFERENCES notices (id),
    reviewer  TEXT NOT NULL,
    decision  TEXT NOT NULL CHECK (decision IN ('publish', 'refuse', 'request_information')),
    reason    TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX decisions_by_notice ON decisions (notice_id, at);
