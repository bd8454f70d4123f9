--liquibase formatted sql

--changeset fachplan:012-data-change-notifications splitStatements:false
-- Every replica keeps rendered read representations in memory (common/cache). A committed write
-- to a table those representations are built from tells every replica through one NOTIFY
-- channel; PostgreSQL delivers it only after the commit is visible and folds identical
-- notifications of one transaction into one, so a statement-level trigger costs next to nothing.
-- Tables that only record technical progress (idempotency records, webhook deliveries, import
-- jobs, the change feed and audit trail, API key usage) are left out on purpose: they change on
-- every poll or request and no cached representation shows them. DataChangeNotificationsTest
-- fails when a new table is neither notifying nor listed there as left out.
CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('fachplan_data_changed', '');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
               AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock', 'idempotency_record',
                   'webhook_delivery', 'webhook_attempt', 'indicator_value_import',
                   'indicator_value_import_error', 'change_event', 'audit_event', 'api_key')
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
            || ' FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed()', t || '_notify_data_changed', t);
    END LOOP;
END
$$;
