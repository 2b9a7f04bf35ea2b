-- Orleans ADO.NET grain persistence (AdoNetGrainStorage) for PostgreSQL 15.
-- Written by us from the providers' query contract. Idempotent.
--
-- Identity of a grain state row: serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring.
-- The two hashes only narrow the index search (they can collide), so every query matches the full identity.
-- version is the ETag: 1 on first write, +1 on every write/clear; a write or clear succeeds only when the
-- caller's version matches. The providers run each query without a transaction, so each is one statement.

CREATE TABLE IF NOT EXISTS orleansstorage
(
  grainidhash integer NOT NULL,
  grainidn0 bigint NOT NULL,
  grainidn1 bigint NOT NULL,
  graintypehash integer NOT NULL,
  graintypestring text NOT NULL,
  grainidextensionstring text NULL,
  serviceid text NOT NULL,
  payloadbinary bytea NULL,
  modifiedon timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL
);

-- One row per identity. Long keys are hashed with md5 to stay under the btree row size limit;
-- NULLS NOT DISTINCT (PostgreSQL 15) makes a NULL key extension count as one value, so two concurrent
-- first writes of the same grain cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_identity
  ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1, serviceid,
                     md5(graintypestring), md5(grainidextensionstring))
  NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $sql$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- First write (@GrainStateVersion NULL) inserts version 1 only if no row exists; later writes update only
-- when the stored version equals @GrainStateVersion. No row back means a version conflict.
('WriteToStorageKey', $sql$
WITH updated AS (
  UPDATE orleansstorage
  SET payloadbinary = @PayloadBinary, version = version + 1, modifiedon = now()
  WHERE @GrainStateVersion IS NOT NULL
    AND grainidhash = @GrainIdHash
    AND graintypehash = @GrainTypeHash
    AND grainidn0 = @GrainIdN0
    AND grainidn1 = @GrainIdN1
    AND serviceid = @ServiceId
    AND graintypestring = @GrainTypeString
    AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
  RETURNING version
), inserted AS (
  INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                              grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
  SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
         @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
  WHERE @GrainStateVersion IS NULL
  ON CONFLICT DO NOTHING
  RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),

-- Clear without delete: keep the row, drop the payload, bump the version.
('ClearStorageKey', $sql$
UPDATE orleansstorage
SET payloadbinary = NULL, version = version + 1, modifiedon = now()
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion
$sql$),

-- Clear with DeleteStateOnClear=true: the provider needs a non-NULL value different from the sent
-- version on success, so return version + 1.
('DeleteStorageKey', $sql$
DELETE FROM orleansstorage
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS newgrainstateversion
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
