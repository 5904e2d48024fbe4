-- Travellers cleared by a border officer as not the subject of a notice: by document number and date
-- of birth, against the notice as it stood (its updated_at then). A clearance stops raising the hit
-- for that traveller until it expires, is revoked by the secretariat, or the notice changes.
CREATE TABLE clearances (
    id                INTEGER PRIMARY KEY,
    notice_id         TEXT NOT NULL REFERENCES notices (id),
    document          TEXT NOT NULL,  -- the document number as compared: letters and digits, upper case
    date_of_birth     TEXT NOT NULL,  -- YYYY[-MM[-DD]], as the traveller's document gives it
    notice_updated_at TEXT NOT NULL,  -- the notice's updated_at when it was cleared
    reason            TEXT NOT NULL,
    country           TEXT NOT NULL,  -- the officer's country
    cleared_by        TEXT NOT NULL,
    cleared_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    revoked_by        TEXT,
    revoked_at        TEXT,
    revoked_reason    TEXT
);
CREATE INDEX clearances_by_document ON clearances (document, notice_id);
CREATE INDEX clearances_by_time ON clearances (cleared_at);
