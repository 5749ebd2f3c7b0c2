-- Admin API tokens outlived the account that created them: a deleted admin's tokens stayed listed as active and came
-- back to life when an account of the same name was created. Deleting an account now revokes its tokens, and a token
-- counts only for an account created before it; this revokes the tokens already left without their creator, so that
-- the list shows them as they work. Data only, no schema change: older builds read the rows as before.
UPDATE admin_api_tokens t
SET t.revoked_at = UTC_TIMESTAMP(3)
WHERE t.revoked_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM admin_users u WHERE u.username = t.created_by AND u.created_at <= t.created_at);
