-- A bureau is told of every decision on its notices (published, refused, a question, suspended,
-- reinstated, cancelled, renewed, expired, expiring within six months), and a diffusion's recipients
-- that it reached them. SQLite cannot change a CHECK in place, so the table is made again with its rows.
CREATE TABLE notifications_new (
    id                    INTEGER PRIMARY KEY,
    country               TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('located', 'rechecked', 'published', 'refused',
                              'information_requested', 'suspended', 'reinstated', 'cancelled', 'renewed',
                              'expired', 'expiring', 'diffusion')),
    notice_id             TEXT NOT NULL REFERENCES notices (id),
    location_id           INTEGER REFERENCES locations (id),
    at                    TEXT NOT NULL,
    webhook_attempts      INTEGER NOT NULL DEFAULT 0,
    webhook_next_at       TEXT,
    webhook_delivered_at  TEXT,
    webhook_error         TEXT,
    webhook_claimed_until TEXT,
    reason                TEXT
);
INSERT INTO notifications_new (id, country, kind, notice_id, location_id, at, webhook_attempts, webhook_next_at,
                               webhook_delivered_at, webhook_error, webhook_claimed_until, reason)
    SELECT id, country, kind, notice_id, location_id, at, webhook_attempts, webhook_next_at,
           webhook_delivered_at, webhook_error, webhook_claimed_until, reason FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_by_country ON notifications (country, id);
CREATE INDEX notifications_undelivered ON notifications (id) WHERE webhook_delivered_at IS NULL;
CREATE INDEX notifications_by_notice ON notifications (notice_id, kind);
