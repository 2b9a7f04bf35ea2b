-- Orleans ADO.NET reminders (AdoNetReminderTable) for PostgreSQL 15.
-- Written by us from the providers' query contract. Idempotent.
--
-- grainhash is (int)GrainId.GetUniformHashCode(); the ring ranges compare it as a signed int.
-- version is the reminder's ETag: 0 on insert, +1 on every upsert; a delete needs the current version.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
  serviceid varchar(150) NOT NULL,
  grainid text NOT NULL,
  remindername text NOT NULL,
  starttime timestamptz NOT NULL,
  period bigint NOT NULL,
  grainhash integer NOT NULL,
  version integer NOT NULL,
  CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash
  ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadReminderRowsKey', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
$sql$),

-- (BeginHash, EndHash] when begin < end (signed).
('ReadRangeRows1Key', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash
$sql$),

-- The wrapping range, or the full ring when begin = end.
('ReadRangeRows2Key', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)
$sql$),

-- Unconditional upsert; the returned version becomes the ETag.
('UpsertReminderRowKey', $sql$
INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
  SET starttime = excluded.starttime,
      period = excluded.period,
      grainhash = excluded.grainhash,
      version = r.version + 1
RETURNING version
$sql$),

('DeleteReminderRowKey', $sql$
WITH deleted AS (
  DELETE FROM orleansreminderstable
  WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
  RETURNING 1
)
SELECT count(*) > 0 AS deleted FROM deleted
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM orleansreminderstable
WHERE serviceid = @ServiceId
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
