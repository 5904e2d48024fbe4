-- A bureau is told when one of its notices in force is checked again after new knowledge and waits
-- for a reviewer (or left force): a notification of kind 'rechecked', with why, and no location.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('located', 'rechecked'));
ALTER TABLE notifications ADD COLUMN reason TEXT;
