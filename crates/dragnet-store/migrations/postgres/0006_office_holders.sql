-- The register of office holders the check consults, kept by administrators. Each entry is a line
-- of the register's tab-separated format, which the review library reads; the store only keeps it.
CREATE TABLE office_holders (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    line     TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TIMESTAMPTZ NOT NULL
);

-- Set once the register was first filled from the policy files, so that a register emptied by its
-- administrators is not filled again at the next start.
CREATE TABLE register_seeded (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seeded_at TIMESTAMPTZ NOT NULL
);
