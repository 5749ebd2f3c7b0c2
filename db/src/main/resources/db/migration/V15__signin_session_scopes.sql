-- A browser sign-in asks for the scopes its token will carry, and the approval page shows them: the token used to
-- carry every scope, hosts:enroll included, so one approved link let whoever started the sign-in enrol a machine that
-- then received the fleet's credentials. NULL (a session started by an older build) mints the default three.
ALTER TABLE signin_sessions
    ADD COLUMN scopes VARCHAR(100) NULL COMMENT 'Space-separated scopes asked for at start, minted on consumption' AFTER client_ip;
