-- Where a request's notices came from when they were not requested and reviewed here: imported
-- published notices (INTERPOL's public notices) keep the name of their source. NULL: made here.
ALTER TABLE requests ADD COLUMN source TEXT;
