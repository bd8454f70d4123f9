--liquibase formatted sql

--changeset fachplan:040-webhook-delivery-queue
-- A subscription's deliveries go out in the order they were written: the dispatcher reads the
-- oldest pending one of each subscription (its head) and the page behind it from this index.
CREATE INDEX webhook_delivery_queue ON webhook_delivery (subscription_id, created_at, id) WHERE state = 'PENDING';

--changeset fachplan:040-import-queued-at
-- When a job (re)joined the queue: a job handed back after its turn queues behind the jobs of
-- other organisations that waited meanwhile (ValueImportWorker).
ALTER TABLE indicator_value_import ADD COLUMN queued_at timestamptz;
UPDATE indicator_value_import SET queued_at = created_at;
ALTER TABLE indicator_value_import ALTER COLUMN queued_at SET NOT NULL;
ALTER TABLE indicator_value_import ALTER COLUMN queued_at SET DEFAULT now();
