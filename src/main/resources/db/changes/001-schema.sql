--liquibase formatted sql

--changeset fachplan:001-german-collation
-- German text sorts with ICU (ä beside a), independent of the server's locale.
CREATE COLLATION IF NOT EXISTS german (provider = icu, locale = 'de-DE');

--changeset fachplan:001-plan
CREATE TABLE plan (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code              varchar(64)  NOT NULL UNIQUE,
    title             varchar(300) NOT NULL,
    municipality      varchar(100) NOT NULL,
    issuing_authority varchar(200),
    council_reference varchar(64),
    adopted_on        date         NOT NULL,
    valid_from        date         NOT NULL,
    valid_to          date,
    CONSTRAINT plan_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

--changeset fachplan:001-action-field
CREATE TABLE action_field (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id  uuid         NOT NULL REFERENCES plan (id),
    code     varchar(1)   NOT NULL,
    name_de  varchar(200) NOT NULL,
    name_en  varchar(200),
    position integer      NOT NULL,
    CONSTRAINT action_field_code UNIQUE (plan_id, code)
);

--changeset fachplan:001-guideline
CREATE TABLE guideline (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id  uuid         NOT NULL REFERENCES plan (id),
    code     varchar(16)  NOT NULL,
    title_de varchar(500) NOT NULL,
    title_en varchar(500),
    position integer      NOT NULL,
    CONSTRAINT guideline_code UNIQUE (plan_id, code)
);

--changeset fachplan:001-target-group
CREATE TABLE target_group (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code           varchar(64)   NOT NULL UNIQUE,
    category       varchar(40)   NOT NULL,
    name_de        varchar(500)  NOT NULL,
    name_en        varchar(500),
    description_de varchar(4000),
    description_en varchar(4000),
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    version        bigint        NOT NULL DEFAULT 1
);

--changeset fachplan:001-district
CREATE TABLE district (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code         varchar(64)  NOT NULL UNIQUE,
    name         varchar(200) COLLATE german NOT NULL,
    kind         varchar(20)  NOT NULL,
    municipality varchar(100) NOT NULL
);

--changeset fachplan:001-organisation
CREATE TABLE organisation (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         varchar(200) COLLATE german NOT NULL,
    short_name   varchar(60),
    type         varchar(40)  NOT NULL,
    website      varchar(500),
    illustrative boolean      NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    version      bigint       NOT NULL DEFAULT 1
);
CREATE INDEX organisation_name ON organisation (name, id);

--changeset fachplan:001-measure
CREATE TABLE measure (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id              uuid          NOT NULL REFERENCES plan (id),
    action_field_id      uuid          NOT NULL REFERENCES action_field (id),
    code                 varchar(8)    NOT NULL,
    number               integer       NOT NULL,
    title                varchar(300)  COLLATE german NOT NULL,
    description          varchar(10000),
    status               varchar(20)   NOT NULL,
    progress             integer       NOT NULL DEFAULT 0,
    planned_start        date,
    planned_end          date,
    lead_organisation_id uuid REFERENCES organisation (id),
    illustrative         boolean       NOT NULL DEFAULT false,
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    version              bigint        NOT NULL DEFAULT 1,
    search_vector        tsvector GENERATED ALWAYS AS (
        to_tsvector('german'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))) STORED,
    CONSTRAINT measure_code UNIQUE (plan_id, code),
    CONSTRAINT measure_number UNIQUE (action_field_id, number),
    CONSTRAINT measure_progress CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT measure_period CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
);
CREATE INDEX measure_search ON measure USING gin (search_vector);
CREATE INDEX measure_updated ON measure (updated_at, id);
CREATE INDEX measure_lead ON measure (lead_organisation_id);

CREATE TABLE measure_guideline (
    measure_id   uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    guideline_id uuid NOT NULL REFERENCES guideline (id),
    PRIMARY KEY (measure_id, guideline_id)
);
CREATE INDEX measure_guideline_guideline ON measure_guideline (guideline_id);

CREATE TABLE measure_target_group (
    measure_id      uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    target_group_id uuid NOT NULL REFERENCES target_group (id),
    PRIMARY KEY (measure_id, target_group_id)
);
CREATE INDEX measure_target_group_group ON measure_target_group (target_group_id);

CREATE TABLE measure_district (
    measure_id  uuid NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    district_id uuid NOT NULL REFERENCES district (id),
    PRIMARY KEY (measure_id, district_id)
);
CREATE INDEX measure_district_district ON measure_district (district_id);

CREATE TABLE measure_partner (
    measure_id      uuid        NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    organisation_id uuid        NOT NULL REFERENCES organisation (id),
    role            varchar(20) NOT NULL,
    PRIMARY KEY (measure_id, organisation_id)
);
CREATE INDEX measure_partner_organisation ON measure_partner (organisation_id);

CREATE TABLE measure_status_change (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    measure_id  uuid         NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    from_status varchar(20),
    to_status   varchar(20)  NOT NULL,
    changed_at  timestamptz  NOT NULL,
    changed_by  varchar(200) NOT NULL,
    reason      varchar(1000)
);
CREATE INDEX measure_status_change_measure ON measure_status_change (measure_id, changed_at, id);

--changeset fachplan:001-api-key
CREATE TABLE api_key (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            varchar(100) NOT NULL,
    role            varchar(20)  NOT NULL,
    organisation_id uuid REFERENCES organisation (id),
    prefix          varchar(16)  NOT NULL,
    key_hash        varchar(64)  NOT NULL UNIQUE,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(200) NOT NULL,
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    version         bigint       NOT NULL DEFAULT 1
);
CREATE INDEX api_key_created ON api_key (created_at DESC, id);

--changeset fachplan:001-idempotency-record
-- Stored responses of requests sent with an Idempotency-Key. The record is written in the same
-- transaction as the change it answers, so a crash leaves either both or neither.
CREATE TABLE idempotency_record (
    caller          varchar(200) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    status_code     integer      NOT NULL,
    location        varchar(1000),
    etag            varchar(64),
    response_body   text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_record_expiry ON idempotency_record (expires_at);
