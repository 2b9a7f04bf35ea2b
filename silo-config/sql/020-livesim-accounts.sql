-- Accounts, API keys, the session catalog and recording owners (issue 9). Idempotent.

-- Accounts: what their API keys create belongs to them.
CREATE TABLE IF NOT EXISTS livesim_accounts
(
  account_id text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT pk_livesim_accounts PRIMARY KEY (account_id)
);

-- API keys, stored as the SHA-256 (hex) of the key: the key itself is shown once and never kept.
CREATE TABLE IF NOT EXISTS livesim_api_keys
(
  key_id text NOT NULL,
  account_id text NOT NULL,
  key_hash text NOT NULL,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz NULL,
  CONSTRAINT pk_livesim_api_keys PRIMARY KEY (key_id),
  CONSTRAINT uq_livesim_api_keys_hash UNIQUE (key_hash),
  CONSTRAINT fk_livesim_api_keys_account FOREIGN KEY (account_id) REFERENCES livesim_accounts (account_id)
);

CREATE INDEX IF NOT EXISTS ix_livesim_api_keys_account ON livesim_api_keys (account_id, created_at);

-- Every session with its owner and status, written by the session when it is created and when its status changes
-- (never per tick). Listings page it newest first; quotas count an owner's sessions that have not ended.
CREATE TABLE IF NOT EXISTS livesim_session_catalog
(
  session_id text NOT NULL,
  owner_account_id text NULL,
  feed_id text NOT NULL,
  mode text NOT NULL,
  status text NOT NULL,
  recording_id text NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT pk_livesim_session_catalog PRIMARY KEY (session_id)
);

CREATE INDEX IF NOT EXISTS ix_livesim_session_catalog_newest
  ON livesim_session_catalog (created_at DESC, session_id DESC);
CREATE INDEX IF NOT EXISTS ix_livesim_session_catalog_owner
  ON livesim_session_catalog (owner_account_id, created_at DESC, session_id DESC);
CREATE INDEX IF NOT EXISTS ix_livesim_session_catalog_recording
  ON livesim_session_catalog (recording_id) WHERE recording_id IS NOT NULL;

-- The account whose key uploaded a recording; null for an anonymous upload.
ALTER TABLE livesim_recordings ADD COLUMN IF NOT EXISTS owner_account_id text NULL;
CREATE INDEX IF NOT EXISTS ix_livesim_recordings_owner ON livesim_recordings (owner_account_id, created_at);
