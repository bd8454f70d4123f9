--liquibase formatted sql

--changeset fachplan:011-indicator-value-import
-- Import jobs (Importaufträge) of large CSV uploads of indicator values. The upload itself is
-- kept with the job until it ends, so that any replica can run it; so is who uploaded it (the
-- job applies the rows with those rights) and the upload's request id (the audit trail of every
-- row names it). lease_token names the current run: a replica that lost its lease cannot record
-- progress over the run that took over. worker names the replica of the last claim (host:pid),
-- for operators.
CREATE TABLE indicator_value_import (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    state            varchar(20)   NOT NULL,
    plan_ref         varchar(64),
    dry_run          boolean       NOT NULL,
    all_or_nothing   boolean       NOT NULL,
    body             text,
    caller_id        varchar(200)  NOT NULL,
    caller_name      varchar(500)  NOT NULL,
    caller_roles     varchar(500)  NOT NULL,
    organisation_id  uuid,
    request_id       varchar(100),
    total_rows       integer       NOT NULL,
    processed_rows   integer       NOT NULL DEFAULT 0,
    applied_rows     integer       NOT NULL DEFAULT 0,
    failed_rows      integer       NOT NULL DEFAULT 0,
    detail           varchar(2000),
    lease_until      timestamptz,
    lease_token      uuid,
    worker           varchar(200),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    version          bigint        NOT NULL DEFAULT 1,
    CONSTRAINT indicator_value_import_state CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT indicator_value_import_progress CHECK (processed_rows BETWEEN 0 AND total_rows
        AND applied_rows + failed_rows <= total_rows),
    CONSTRAINT indicator_value_import_body CHECK (body IS NOT NULL OR state IN ('SUCCEEDED', 'FAILED'))
);
-- What the workers claim and the gauges count: only unfinished jobs are in this index.
CREATE INDEX indicator_value_import_open ON indicator_value_import (created_at) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX indicator_value_import_finished ON indicator_value_import (finished_at) WHERE finished_at IS NOT NULL;

-- A failed row as the job reports it (the same shape as an item of a 207 answer).
CREATE TABLE indicator_value_import_error (
    import_id   uuid    NOT NULL REFERENCES indicator_value_import (id) ON DELETE CASCADE,
    row_number  integer NOT NULL,
    result      jsonb   NOT NULL,
    PRIMARY KEY (import_id, row_number)
);
