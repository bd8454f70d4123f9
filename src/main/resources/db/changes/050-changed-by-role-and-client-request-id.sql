--liquibase formatted sql

--changeset fachplan:050-changed-by-role
-- The public status history shows the role of whoever changed a status, never the name (an API
-- key's name, a JWT user's e-mail address). Rows written before are given the role of the API key
-- whose name they carry; others (demo data, JWT users) stay without one.
ALTER TABLE measure_status_change ADD COLUMN changed_by_role varchar(20)
    CHECK (changed_by_role IN ('ADMIN', 'EDITOR', 'CONTROLLER', 'PARTNER'));
UPDATE measure_status_change c SET changed_by_role = k.role
FROM api_key k WHERE c.changed_by = 'api-key:' || k.name;

--changeset fachplan:050-client-request-id
-- The request id of the audit trail is always the server's; a client's X-Request-Id is kept
-- beside it, so that no request can take another one's id.
ALTER TABLE audit_event ADD COLUMN client_request_id varchar(100);
