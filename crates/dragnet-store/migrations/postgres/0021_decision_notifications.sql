-- A bureau is told of every decision on its notices (published, refused, a question, suspended,
-- reinstated, cancelled, renewed, expired, expiring within six months), and a diffusion's recipients
-- that it reached them.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('located', 'rechecked',
    'published', 'refused', 'information_requested', 'suspended', 'reinstated', 'cancelled', 'renewed',
    'expired', 'expiring', 'diffusion'));
CREATE INDEX notifications_by_notice ON notifications (notice_id, kind);
