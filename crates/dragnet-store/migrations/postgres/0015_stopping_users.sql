-- Stopping a user: a disabled user's sessions, tokens and password no longer let them in (NULL:
-- enabled); a token stops working at its expiry (NULL: a token made before tokens expired, which
-- lasts until revoked); secrets the servers sharing this database must agree on (the key that
-- signs the sign-in form's token, so that only a form this service served is accepted).
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
