--liquibase formatted sql

--changeset fachplan:006-measure-visibility-and-status-note
ALTER TABLE measure ADD COLUMN public boolean NOT NULL DEFAULT true;
ALTER TABLE measure ADD COLUMN status_note varchar(2000);

--changeset fachplan:006-measure-external-reference
-- A partner organisation's own key for a measure, so that its scripts need no lookup table.
CREATE TABLE measure_external_reference (
    measure_id      uuid         NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    organisation_id uuid         NOT NULL REFERENCES organisation (id),
    reference       varchar(100) NOT NULL,
    PRIMARY KEY (measure_id, organisation_id),
    CONSTRAINT measure_external_reference_unique UNIQUE (organisation_id, reference)
);
