-- A request's version moves on with every edit: a submission names the version its check read, and
-- the store refuses it if the request was edited since, so no report is kept for a body it did not read.
ALTER TABLE requests ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- A webhook notification is claimed by one process until this time before it is sent, so that
-- several servers on one database deliver it once; a process that dies leaves it to another
-- when its claim runs out.
ALTER TABLE notifications ADD COLUMN webhook_claimed_until TIMESTAMPTZ;
