-- Whether a request's requester agrees to public extracts of its notices once published, kept
-- beside the body so the public list can be read without parsing every request.
ALTER TABLE requests ADD COLUMN public_extract INTEGER NOT NULL DEFAULT 0 CHECK (public_extract IN (0, 1));
UPDATE requests SET public_extract = 1 WHERE json_extract(body, '$.public_extract') = 1;
CREATE INDEX requests_public ON requests (id) WHERE public_extract = 1;
