--liquibase formatted sql

--changeset fachplan:010-indicator
-- Indicators (Kennzahlen) of a plan. Unit and frequency never change once defined: every reported
-- value was checked against them.
CREATE TABLE indicator (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id                    uuid          NOT NULL REFERENCES plan (id),
    code                       varchar(64)   NOT NULL,
    name_de                    varchar(500)  NOT NULL,
    name_en                    varchar(500),
    description_de             varchar(4000),
    description_en             varchar(4000),
    unit                       varchar(20)   NOT NULL,
    direction                  varchar(20)   NOT NULL,
    frequency                  varchar(20)   NOT NULL,
    action_field_id            uuid REFERENCES action_field (id),
    measure_id                 uuid REFERENCES measure (id),
    reporting_organisation_id  uuid REFERENCES organisation (id),
    baseline_period            varchar(7),
    baseline_value             numeric(18, 2),
    illustrative               boolean       NOT NULL DEFAULT false,
    created_at                 timestamptz   NOT NULL DEFAULT now(),
    updated_at                 timestamptz   NOT NULL DEFAULT now(),
    version                    bigint        NOT NULL DEFAULT 1,
    CONSTRAINT indicator_code UNIQUE (plan_id, code),
    CONSTRAINT indicator_belongs CHECK (action_field_id IS NOT NULL OR measure_id IS NOT NULL),
    CONSTRAINT indicator_baseline CHECK ((baseline_period IS NULL) = (baseline_value IS NULL))
);
CREATE INDEX indicator_measure ON indicator (measure_id);
CREATE INDEX indicator_action_field ON indicator (action_field_id);
CREATE INDEX indicator_organisation ON indicator (reporting_organisation_id);

CREATE TABLE indicator_target (
    indicator_id uuid           NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    period       varchar(7)     NOT NULL,
    value        numeric(18, 2),
    min_value    numeric(18, 2),
    max_value    numeric(18, 2),
    PRIMARY KEY (indicator_id, period),
    CONSTRAINT indicator_target_shape CHECK (value IS NOT NULL OR (min_value IS NOT NULL AND max_value IS NOT NULL))
);

--changeset fachplan:010-indicator-value
-- One value per indicator, period and district (NULL: the city-wide value). The row holds the
-- current revision; earlier revisions move to indicator_value_revision when a correction is made.
-- A withdrawn value stays as a tombstone (state WITHDRAWN), so deltas can deliver it.
CREATE TABLE indicator_value (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    indicator_id    uuid           NOT NULL REFERENCES indicator (id),
    period          varchar(7)     NOT NULL,
    period_start    date           NOT NULL,
    district_id     uuid REFERENCES district (id),
    value           numeric(18, 2),
    state           varchar(20)    NOT NULL,
    revision        integer        NOT NULL DEFAULT 1,
    revision_reason varchar(1000),
    note            varchar(1000),
    recorded_at     timestamptz    NOT NULL,
    recorded_by     varchar(200)   NOT NULL,
    approved_at     timestamptz,
    approved_by     varchar(200),
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    version         bigint         NOT NULL DEFAULT 1,
    CONSTRAINT indicator_value_slot UNIQUE NULLS NOT DISTINCT (indicator_id, period, district_id),
    CONSTRAINT indicator_value_present CHECK (state = 'WITHDRAWN' OR value IS NOT NULL)
);
-- The export order (indicator, period, district) within an indicator, and modifiedSince.
CREATE INDEX indicator_value_order ON indicator_value (indicator_id, period_start, district_id, id);
CREATE INDEX indicator_value_updated ON indicator_value (updated_at);
CREATE INDEX indicator_value_district ON indicator_value (district_id);

CREATE TABLE indicator_value_revision (
    value_id    uuid           NOT NULL REFERENCES indicator_value (id),
    revision    integer        NOT NULL,
    value       numeric(18, 2),
    state       varchar(20)    NOT NULL,
    reason      varchar(1000),
    note        varchar(1000),
    recorded_at timestamptz    NOT NULL,
    recorded_by varchar(200)   NOT NULL,
    approved_at timestamptz,
    approved_by varchar(200),
    PRIMARY KEY (value_id, revision)
);

--changeset fachplan:010-change-event-by-resource
-- Deltas of indicator values select the feed's rows of one resource type after a position.
CREATE INDEX change_event_type_feed ON change_event (resource_type, txid, position);
