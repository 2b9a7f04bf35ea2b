-- Orleans ADO.NET providers: the shared query table.
-- Written by us for PostgreSQL 15 from the providers' query contract (docs: ORLEANS-ADONET-POSTGRES.md).
-- The providers read it with hard-coded unquoted SQL (SELECT QueryKey, QueryText FROM OrleansQuery ...),
-- which PostgreSQL folds to lower case, so every identifier here is unquoted lower case.
-- Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS orleansquery
(
  querykey varchar(64) NOT NULL,
  querytext text NOT NULL,
  CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
