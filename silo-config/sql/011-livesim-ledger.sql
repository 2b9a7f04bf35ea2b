-- Every session's bet ledger, append-only: one entry per bet_placed, bet_settled and bet_skipped event, keyed by the
-- event's eventSeq. EventSeqs are deterministic, so a session replaying after a crash writes the same entries again and
-- ON CONFLICT DO NOTHING keeps the first. A bet's row is its placed entry (kind 0) joined with its settled entry (kind 1).
CREATE TABLE IF NOT EXISTS livesim_ledger
(
  session_id text NOT NULL,
  event_seq bigint NOT NULL,
  kind smallint NOT NULL,          -- 0 placed, 1 settled, 2 skipped
  feed_seq bigint NOT NULL,
  at timestamptz NOT NULL,         -- the feed entry's receive time
  game_id text NOT NULL,
  bet_id bigint NULL,
  schedule_index integer NULL,
  start_tick integer NULL,
  end_tick integer NULL,
  target_tick integer NULL,
  stake numeric NULL,
  entry_price numeric NULL,
  outcome smallint NULL,           -- 0 won, 1 lost, 2 voided
  returned numeric NULL,
  rug_tick integer NULL,
  balance_after numeric NULL,
  equity_after numeric NULL,
  reason text NULL,
  sizing jsonb NULL,
  decided_at_seq bigint NULL,
  decision_tick integer NULL,
  CONSTRAINT pk_livesim_ledger PRIMARY KEY (session_id, event_seq)
);

-- A bet is placed once and settled once; the index also joins a placement to its settlement.
CREATE UNIQUE INDEX IF NOT EXISTS ux_livesim_ledger_bet
  ON livesim_ledger (session_id, bet_id, kind) WHERE bet_id IS NOT NULL;
