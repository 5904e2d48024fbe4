-- A screener's confirmation that the person of a notice was found, and the requesting bureau's
-- notifications, kept until it reads them (it polls; a webhook may come on top).
CREATE TABLE locations (
    id         INTEGER PRIMARY KEY,
    notice_id  TEXT NOT NULL REFERENCES notices (id),
    located_by TEXT NOT NULL,
    country    TEXT NOT NULL,        -- where the person was found: the screener's country
    place      TEXT,
    remarks    TEXT,
    at         TEXT NOT NULL
);
CREATE INDEX locations_by_notice ON locations (notice_id);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    country     TEXT NOT NULL,       -- the bureau told: the notice's requester
    kind        TEXT NOT NULL CHECK (kind IN ('located')),
    notice_id   TEXT NOT NULL REFERENCES notices (id),
    location_id INTEGER REFERENCES locations (id),
    at          TEXT NOT NULL
);
CREATE INDEX notifications_by_country ON notifications (country, id);
