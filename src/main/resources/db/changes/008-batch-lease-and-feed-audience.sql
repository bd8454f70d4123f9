--liquibase formatted sql

--changeset fachplan:008-idempotency-batch-lease
-- A batch under an idempotency key keeps its key (and request hash) for the whole retention; the
-- lease says only how long a started run blocks retries before one may take over.
ALTER TABLE idempotency_record ADD COLUMN lease_until timestamptz;

--changeset fachplan:008-change-event-audience
-- Who may see a change is decided by the measure as it was when the change was made, not as it
-- is now: a deleted non-public measure stays invisible to other organisations.
ALTER TABLE change_event ADD COLUMN public boolean NOT NULL DEFAULT true;
ALTER TABLE change_event ADD COLUMN organisations uuid[] NOT NULL DEFAULT '{}';
