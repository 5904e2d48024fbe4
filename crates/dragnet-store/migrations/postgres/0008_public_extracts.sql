-- Whether a request's requester agrees to public extracts of its notices once published, kept
-- beside the body so the public list can be read without parsing every request.
ALTER TABLE requests ADD COLUMN public_extract BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE requests SET public_extract = TRUE WHERE (body->>'public_extract')::boolean IS TRUE;
CREATE INDEX requests_public ON requests (id) WHERE public_extract;
