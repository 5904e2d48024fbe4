-- Signing in to the web pages: a user's password as an Argon2id hash (PHC string), and sessions,
-- each known by the SHA-256 of its cookie and carrying the token its forms must send back (CSRF).
ALTER TABLE users ADD COLUMN password_hash TEXT;

CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    csrf         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
