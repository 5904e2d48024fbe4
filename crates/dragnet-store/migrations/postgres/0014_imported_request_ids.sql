-- An imported request names the notice it stands for, so that requests stored many to a statement
-- are matched to their notices by what they say, not by the order rows come back in.
ALTER TABLE requests ADD COLUMN source_id TEXT;
UPDATE requests SET source_id = (SELECT notices.id FROM notices WHERE notices.request_id = requests.id)
WHERE source IS NOT NULL;
