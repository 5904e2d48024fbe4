-- A screener's confirmation that the person of a notice was found, and the requesting bureau's
-- notifications, kept until it reads them (it polls; a webhook may come on top).
CREATE TABLE locations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id  TEXT NOT NULL REFERENCES notices (id),
    located_by TEXT NOT NULL,
    country    TEXT NOT NULL,        -- where the person was found: the screener's country
    place      TEXT,
    remarks    TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX locations_by_notice ON locations (notice_id);

CREATE TABLE notifications (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country     TEXT NOT NULL,       -- the bureau told: the notice's requester
    kind        TEXT NOT NULL CHECK (kind IN ('located')),
    notice_id   TEXT NOT NULL REFERENCES notices (id),
    location_id BIGINT REFERENCES locations (id),
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_by_country ON notifications (country, id);
