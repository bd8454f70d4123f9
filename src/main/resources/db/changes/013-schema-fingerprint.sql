--liquibase formatted sql

--changeset fachplan:013-schema-fingerprint
-- What the last complete migration applied: a hash of the changelog and its contexts
-- (common/persistence/SchemaMigration). A start that finds the same hash has nothing to migrate
-- and skips Liquibase, which otherwise costs more than a second and a lot of memory on every
-- start. Technical like the changelog tables: no read representation shows it, so it does not
-- notify (see changeset 012).
CREATE TABLE schema_fingerprint (
    id          integer      PRIMARY KEY CHECK (id = 1),
    fingerprint varchar(100) NOT NULL,
    applied_at  timestamptz  NOT NULL
);
