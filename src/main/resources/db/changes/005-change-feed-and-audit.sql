--liquibase formatted sql

--changeset fachplan:005-change-event
-- The change feed. Each row carries the id of the transaction that wrote it; the feed is ordered
-- by that id and shows only transactions older than the oldest one still running
-- (pg_snapshot_xmin), so no row can ever appear behind a position already handed to a client,
-- however late a long transaction commits.
CREATE TABLE change_event (
    position      bigserial    PRIMARY KEY,
    txid          bigint       NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    resource_type varchar(40)  NOT NULL,
    resource_id   uuid         NOT NULL,
    resource_code varchar(64),
    operation     varchar(10)  NOT NULL,
    version       bigint,
    changed_at    timestamptz  NOT NULL
);
CREATE INDEX change_event_feed ON change_event (txid, position);

--changeset fachplan:005-audit-event
-- Who changed what: written in the transaction of the change, so neither exists without the other.
CREATE TABLE audit_event (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at           timestamptz  NOT NULL,
    actor                 varchar(200) NOT NULL,
    actor_id              varchar(200) NOT NULL,
    actor_organisation_id uuid,
    request_id            varchar(100),
    resource_type         varchar(40)  NOT NULL,
    resource_id           uuid         NOT NULL,
    action                varchar(10)  NOT NULL,
    changes               jsonb        NOT NULL
);
CREATE INDEX audit_event_time ON audit_event (occurred_at DESC, id);
CREATE INDEX audit_event_resource ON audit_event (resource_type, resource_id, occurred_at DESC);
