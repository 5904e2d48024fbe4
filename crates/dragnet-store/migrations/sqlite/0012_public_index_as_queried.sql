-- The statements both backends share ask for `WHERE public_extract`, as PostgreSQL's index reads;
-- SQLite uses a partial index only for the very condition it was made with, so it is made again so.
DROP INDEX requests_public;
CREATE INDEX requests_public ON requests (id) WHERE public_extract;
