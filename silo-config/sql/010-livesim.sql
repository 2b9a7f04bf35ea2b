-- Orleans.LiveSim's own tables. Idempotent.

-- Every normalised feed message in arrival order; seq is gap-free per feed and is what sessions
-- record as "last applied" so a restart replays from there.
CREATE TABLE IF NOT EXISTS livesim_feed_journal
(
  feed_id text NOT NULL,
  seq bigint NOT NULL,
  game_id text NULL,
  tick integer NULL,
  price numeric NULL,
  phase smallint NULL,
  active boolean NULL,
  rugged boolean NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  kind smallint NOT NULL DEFAULT 0,
  gap_ticks integer NULL,
  CONSTRAINT pk_livesim_feed_journal PRIMARY KEY (feed_id, seq)
);

-- Captured feed recordings for replay; body is the raw capture (for example NDJSON, possibly compressed).
CREATE TABLE IF NOT EXISTS livesim_recordings
(
  recording_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  name text NULL,
  messages integer NOT NULL DEFAULT 0,
  ticks integer NOT NULL DEFAULT 0,
  rounds integer NOT NULL DEFAULT 0,
  counters jsonb NULL,
  body bytea NULL,
  CONSTRAINT pk_livesim_recordings PRIMARY KEY (recording_id)
);

-- Which feed and fan-out shard each live session listens to, so a start-up task can reactivate them
-- after a full cluster restart.
CREATE TABLE IF NOT EXISTS livesim_session_index
(
  session_id text NOT NULL,
  feed_id text NOT NULL,
  shard integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_livesim_session_index PRIMARY KEY (session_id)
);

CREATE INDEX IF NOT EXISTS ix_livesim_session_index_feed_shard
  ON livesim_session_index (feed_id, shard);

-- What a recording's ticks are: 'messages' (its own messages) or 'history' (the completed rounds of its gameHistory).
ALTER TABLE livesim_recordings ADD COLUMN IF NOT EXISTS content text NOT NULL DEFAULT 'messages';
