-- A bureau's webhook: where its notifications are also sent, signed with a secret it was given once.
CREATE TABLE webhooks (
    country    TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Each notification is its own delivery (an outbox): sent until the bureau's server takes it or the
-- attempts run out; the list the bureau polls keeps it either way.
ALTER TABLE notifications ADD COLUMN webhook_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN webhook_next_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN webhook_delivered_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN webhook_error TEXT;
CREATE INDEX notifications_undelivered ON notifications (id) WHERE webhook_delivered_at IS NULL;
