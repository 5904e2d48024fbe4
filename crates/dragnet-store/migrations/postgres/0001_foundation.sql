-- Requests, notices, users, API tokens and the audit chain.

CREATE TABLE requests (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    reference    TEXT,
    body         JSONB NOT NULL,     -- the request, in DESIGN.md's format
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT NOT NULL
);

-- The last notice number handed out in each year: ids read YYYY/NNNNN.
CREATE TABLE notice_numbers (
    year        INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE notices (
    id            TEXT PRIMARY KEY,  -- YYYY/NNNNN
    request_id    BIGINT NOT NULL REFERENCES requests (id),
    subject_index INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'info_requested',
                      'published', 'refused', 'suspended', 'cancelled', 'expired', 'withdrawn')),
    subject       JSONB NOT NULL,    -- the subject, in DESIGN.md's Person format
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (request_id, subject_index)
);
CREATE INDEX notices_by_state ON notices (state);
CREATE INDEX notices_by_requester ON notices (requested_by, state);

CREATE TABLE users (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    country    TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    token_sha256 TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);

CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    actor     TEXT NOT NULL,
    country   TEXT,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    reason    TEXT,
    details   TEXT NOT NULL,         -- JSON as text, not JSONB: the hash covers these exact bytes
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The chain's last link, so that removing records from the end is noticed too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
