-- Countries a requester bars from seeing its notices; every query that shows a notice to a country
-- leaves out the notices that bar it.
CREATE TABLE notice_bars (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    country   TEXT NOT NULL,
    PRIMARY KEY (notice_id, country)
);
CREATE INDEX notice_bars_by_country ON notice_bars (country);
