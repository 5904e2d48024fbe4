-- Pictures of a notice's subject, shown with its public extract and to those who may read it.
CREATE TABLE pictures (
    id           INTEGER PRIMARY KEY,
    notice_id    TEXT NOT NULL REFERENCES notices (id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/svg+xml')),
    bytes        BLOB NOT NULL,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL
);
CREATE INDEX pictures_by_notice ON pictures (notice_id, id);
