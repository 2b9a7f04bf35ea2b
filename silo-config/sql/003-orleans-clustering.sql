-- Orleans ADO.NET clustering (AdoNetClusteringTable, AdoNetGatewayListProvider) for PostgreSQL 15.
-- Written by us from the providers' query contract. Idempotent.
--
-- orleansmembershipversiontable holds one row per deployment (ClusterOptions.ClusterId) whose version is
-- the membership table's ETag: every insert/update of a member is a compare-and-swap on it (version =
-- @Version, then version + 1) in the same statement. Every row returned carries that table version.

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
  deploymentid varchar(150) NOT NULL,
  timestamp timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 0,
  CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
  deploymentid varchar(150) NOT NULL,
  address varchar(45) NOT NULL,
  port integer NOT NULL,
  generation integer NOT NULL,
  siloname varchar(150) NOT NULL,
  hostname varchar(150) NOT NULL,
  status integer NOT NULL,
  proxyport integer NULL,
  suspecttimes text NULL,
  starttime timestamptz NOT NULL,
  iamalivetime timestamptz NOT NULL,
  CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
  CONSTRAINT fk_orleansmembershiptable_deploymentid FOREIGN KEY (deploymentid)
    REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE
);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Returns one boolean: true when the version row was created, false when it already existed.
('InsertMembershipVersionKey', $sql$
WITH inserted AS (
  INSERT INTO orleansmembershipversiontable (deploymentid, timestamp, version)
  VALUES (@DeploymentId, now(), 0)
  ON CONFLICT (deploymentid) DO NOTHING
  RETURNING 1
)
SELECT count(*) > 0 AS inserted FROM inserted
$sql$),

-- At least one row even with no members (the provider reads the table version from row 0):
-- a member-less row has NULL starttime.
('MembershipReadAllKey', $sql$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
$sql$),

('MembershipReadRowKey', $sql$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m
  ON m.deploymentid = v.deploymentid
 AND m.address = @Address
 AND m.port = @Port
 AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
$sql$),

-- Insert a member only if the table version still equals @Version and the silo is not already there;
-- bump the version in the same statement. A duplicate or a stale version returns false.
('InsertMembershipKey', $sql$
WITH bumped AS (
  UPDATE orleansmembershipversiontable
  SET version = version + 1, timestamp = now()
  WHERE deploymentid = @DeploymentId
    AND version = @Version
    AND NOT EXISTS (
      SELECT 1 FROM orleansmembershiptable
      WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
  RETURNING deploymentid
), inserted AS (
  INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status,
                                      proxyport, starttime, iamalivetime)
  SELECT b.deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
         @ProxyPort, @StartTime, @IAmAliveTime
  FROM bumped b
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT count(*) > 0 AS inserted FROM inserted
$sql$),

-- Same compare-and-swap on the table version, then update the member's status and suspicions.
('UpdateMembershipKey', $sql$
WITH bumped AS (
  UPDATE orleansmembershipversiontable
  SET version = version + 1, timestamp = now()
  WHERE deploymentid = @DeploymentId
    AND version = @Version
    AND EXISTS (
      SELECT 1 FROM orleansmembershiptable
      WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
  RETURNING deploymentid
), updated AS (
  UPDATE orleansmembershiptable m
  SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
  FROM bumped b
  WHERE m.deploymentid = b.deploymentid
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
  RETURNING 1
)
SELECT count(*) > 0 AS updated FROM updated
$sql$),

-- Heartbeat: no version bump (the provider relies on that to keep ETags stable).
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleansmembershiptable
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- Members go with their version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleansmembershipversiontable
WHERE deploymentid = @DeploymentId
$sql$),

-- Used only when CleanupDefunctSiloEntryKey is absent: remove dead silos not alive since the cutoff.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND iamalivetime < @IAmAliveTime
  AND status = 6
$sql$),

-- The provider picks the defunct entries itself and sends each one's stored values; delete that exact
-- silo only if it is still Dead and has not reported alive since.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND iamalivetime <= @IAmAliveTime
$sql$),

('GatewaysQueryKey', $sql$
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND status = @Status
  AND proxyport > 0
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
