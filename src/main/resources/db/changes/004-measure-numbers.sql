--liquibase formatted sql

--changeset fachplan:004-action-field-next-number
-- Measure numbers are never reused: W12 deleted stays gone, and the next measure is W13, so that a
-- code in a partner's system or an old link never points at a different measure.
ALTER TABLE action_field ADD COLUMN next_number integer NOT NULL DEFAULT 1;
UPDATE action_field f
SET next_number = coalesce((SELECT max(m.number) FROM measure m WHERE m.action_field_id = f.id), 0) + 1;
