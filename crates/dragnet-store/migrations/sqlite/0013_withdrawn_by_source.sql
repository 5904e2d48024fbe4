-- When a complete sweep of an imported notice's source no longer had it: the notice was suspended
-- then, and a later import that has it again puts it back in force. NULL: not withdrawn by its source
-- (a notice suspended by a supervisor stays suspended whatever an import says).
ALTER TABLE requests ADD COLUMN source_withdrawn_at TEXT;
