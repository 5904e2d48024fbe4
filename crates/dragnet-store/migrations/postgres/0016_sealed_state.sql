-- Marks a store keeps about itself: `sealed` once every notice and request it held was sealed in the
-- audit chain (a store made before seals existed gets its baseline record the first time it opens).
CREATE TABLE store_marks (
    name TEXT PRIMARY KEY
);
