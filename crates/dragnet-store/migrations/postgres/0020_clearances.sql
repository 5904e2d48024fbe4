-- Travellers cleared by a border officer as not the subject of a notice: by document number and date
-- of birth, against the notice as it stood (its updated_at then). A clearance stops raising the hit
-- for that traveller until it expires, is revoked by the secretariat, or the notice changes.
CREATE TABLE clearances (
    id                BIGSERIAL PRIMARY KEY,
    notice_id         TEXT NOT NULL REFERENCES notices (id),
    document          TEXT NOT NULL,
    date_of_birth     TEXT NOT NULL,
    notice_updated_at TIMESTAMPTZ NOT NULL,
    reason            TEXT NOT NULL,
    country           TEXT NOT NULL,
    cleared_by        TEXT NOT NULL,
    cleared_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    revoked_by        TEXT,
    revoked_at        TIMESTAMPTZ,
    revoked_reason    TEXT
);
CREATE INDEX clearances_by_document ON clearances (document, notice_id);
CREATE INDEX clearances_by_time ON clearances (cleared_at);
