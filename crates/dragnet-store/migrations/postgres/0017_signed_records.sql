-- A record's signature: HMAC-SHA256 of its hash under a key the servers hold outside the database
-- (`--audit-key`), so that records appended by someone with the database alone are told apart.
-- NULL: written without a key.
ALTER TABLE audit_log ADD COLUMN signature TEXT;
