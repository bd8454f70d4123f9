--liquibase formatted sql

--changeset fachplan:007-webhook-subscription
CREATE TABLE webhook_subscription (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid REFERENCES organisation (id),
    url             varchar(2000) NOT NULL,
    event_types     varchar(200)  NOT NULL,
    description     varchar(200),
    -- Kept readable: the service signs every delivery with it (HMAC), it cannot be a hash.
    secret          varchar(100)  NOT NULL,
    created_at      timestamptz   NOT NULL,
    created_by      varchar(200)  NOT NULL,
    version         bigint        NOT NULL DEFAULT 0
);

--changeset fachplan:007-webhook-delivery
-- The outbox: a delivery row is written in the transaction of the change it announces.
CREATE TABLE webhook_delivery (
    id              varchar(64)  PRIMARY KEY,
    subscription_id uuid         NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_type      varchar(40)  NOT NULL,
    payload         text         NOT NULL,
    state           varchar(20)  NOT NULL,
    attempt_count   integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at DESC, id);

CREATE TABLE webhook_attempt (
    delivery_id  varchar(64)  NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at timestamptz  NOT NULL,
    status_code  integer,
    error        varchar(500)
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);
