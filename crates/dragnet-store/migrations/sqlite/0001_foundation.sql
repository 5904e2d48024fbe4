-- Requests, notices, users, API tokens and the audit chain.
-- Timestamps are RFC 3339 text in UTC with microseconds, written by the application.

CREATE TABLE requests (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    reference    TEXT,
    body         TEXT NOT NULL,      -- the request as JSON, in DESIGN.md's format
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

-- The last notice number handed out in each year: ids read YYYY/NNNNN.
CREATE TABLE notice_numbers (
    year        INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE notices (
    id            TEXT PRIMARY KEY,  -- YYYY/NNNNN
    request_id    INTEGER NOT NULL REFERENCES requests (id),
    subject_index INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'info_requested',
                      'published', 'refused', 'suspended', 'cancelled', 'expired', 'withdrawn')),
    subject       TEXT NOT NULL,     -- the subject as JSON, in DESIGN.md's Person format
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (request_id, subject_index)
);
CREATE INDEX notices_by_state ON notices (state);
CREATE INDEX notices_by_requester ON notices (requested_by, state);

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    country    TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    token_sha256 TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    country   TEXT,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    reason    TEXT,
    details   TEXT NOT NULL,         -- JSON, kept as written because the hash covers these bytes
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The chain's last link, so that removing records from the end is noticed too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
