--liquibase formatted sql

-- ILLUSTRATIVE DEMO DATA. The indicators are shaped after what the plan controls (persons
-- counselled by migration social work, participants in language courses, active volunteers,
-- occupancy of shared accommodation); their baselines, targets and every reported value are
-- invented and marked illustrative. Context "demo": loaded only on the embedded database.

--changeset fachplan:010-demo-indicators context:demo
INSERT INTO indicator (plan_id, code, name_de, name_en, description_de, unit, direction, frequency,
                       action_field_id, measure_id, reporting_organisation_id, baseline_period, baseline_value,
                       illustrative, created_at, updated_at, version)
SELECT p.id, v.code, v.name_de, v.name_en, v.description_de, v.unit, v.direction, v.frequency,
       (SELECT af.id FROM action_field af WHERE af.plan_id = p.id AND af.code = v.field),
       (SELECT m.id FROM measure m WHERE m.plan_id = p.id AND m.code = v.measure),
       (SELECT o.id FROM organisation o WHERE o.name = v.organisation ORDER BY o.created_at, o.id LIMIT 1),
       v.baseline_period, v.baseline_value, true,
       TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 0
FROM plan p, (VALUES
    ('M-BERATUNG', 'Beratene Personen in der Migrationssozialarbeit', 'Persons counselled by migration social work',
     'Personen mit mindestens einem Beratungskontakt im Quartal (illustrativ).',
     'COUNT', 'HIGHER_IS_BETTER', 'QUARTERLY', 'M', 'M2', 'Beispiel-Wohlfahrtsverband Dresden e. V.', '2019-Q3', 420),
    ('S-SPRACHKURS', 'Teilnehmende an Sprachkursen', 'Participants in language courses',
     'Teilnehmende an kommunal geförderten Sprachkursen im Jahr (illustrativ).',
     'COUNT', 'HIGHER_IS_BETTER', 'YEARLY', 'S', 'S1', 'Beispiel-Sprachschule Dresden gGmbH', '2019', 900),
    ('B-EHRENAMT', 'Aktive Ehrenamtliche in der Flüchtlingshilfe', 'Active volunteers in refugee support',
     'Ehrenamtliche mit mindestens einem Einsatz im Jahr (illustrativ).',
     'COUNT', 'HIGHER_IS_BETTER', 'YEARLY', 'B', 'B2', 'Beispiel-Nachbarschaftsverein Dresden e. V.', '2019', 350),
    ('W-BELEGUNG', 'Belegungsquote der Gemeinschaftsunterkünfte', 'Occupancy rate of shared accommodation',
     'Belegte Plätze in Prozent der verfügbaren Plätze, stadtweit und je Stadtbezirk (illustrativ).',
     'PERCENT', 'TARGET_RANGE', 'MONTHLY', 'W', 'W2', 'Landeshauptstadt Dresden, Sozialamt', NULL, NULL)
) AS v (code, name_de, name_en, description_de, unit, direction, frequency, field, measure, organisation,
        baseline_period, baseline_value)
WHERE p.code = 'DD-FAI-2022';

--changeset fachplan:010-demo-indicator-targets context:demo
INSERT INTO indicator_target (indicator_id, period, value, min_value, max_value)
SELECT i.id, t.period, t.value, t.min_value, t.max_value
FROM indicator i JOIN plan p ON p.id = i.plan_id, (VALUES
    ('M-BERATUNG', '2020-Q1', 450, NULL, NULL), ('M-BERATUNG', '2020-Q2', 480, NULL, NULL),
    ('M-BERATUNG', '2020-Q3', 500, NULL, NULL), ('M-BERATUNG', '2020-Q4', 520, NULL, NULL),
    ('S-SPRACHKURS', '2020', 1000, NULL, NULL), ('S-SPRACHKURS', '2021', 1100, NULL, NULL),
    ('B-EHRENAMT', '2020', 400, NULL, NULL), ('B-EHRENAMT', '2021', 450, NULL, NULL),
    ('W-BELEGUNG', '2020-10', NULL, 70, 85), ('W-BELEGUNG', '2020-11', NULL, 70, 85),
    ('W-BELEGUNG', '2020-12', NULL, 70, 85)
) AS t (code, period, value, min_value, max_value)
WHERE p.code = 'DD-FAI-2022' AND i.code = t.code;

--changeset fachplan:010-demo-indicator-values context:demo
INSERT INTO indicator_value (indicator_id, period, period_start, district_id, value, state, revision, note,
                             recorded_at, recorded_by, approved_at, approved_by, created_at, updated_at, version)
SELECT i.id, v.period, v.period_start, (SELECT d.id FROM district d WHERE d.code = v.district), v.value, v.state, 1,
       'Illustrativer Wert', v.recorded_at, 'demo',
       CASE WHEN v.state = 'APPROVED' THEN v.recorded_at + interval '7 days' END,
       CASE WHEN v.state = 'APPROVED' THEN 'demo' END,
       v.recorded_at, v.recorded_at, 0
FROM indicator i JOIN plan p ON p.id = i.plan_id, (VALUES
    ('M-BERATUNG', '2020-Q1', DATE '2020-01-01', NULL, 462, 'APPROVED', TIMESTAMPTZ '2020-04-06T08:00:00Z'),
    ('M-BERATUNG', '2020-Q2', DATE '2020-04-01', NULL, 371, 'APPROVED', TIMESTAMPTZ '2020-07-06T08:00:00Z'),
    ('M-BERATUNG', '2020-Q3', DATE '2020-07-01', NULL, 455, 'APPROVED', TIMESTAMPTZ '2020-10-05T08:00:00Z'),
    ('M-BERATUNG', '2020-Q4', DATE '2020-10-01', NULL, 530, 'SUBMITTED', TIMESTAMPTZ '2021-01-11T08:00:00Z'),
    ('M-BERATUNG', '2020-Q3', DATE '2020-07-01', 'PROHLIS', 118, 'APPROVED', TIMESTAMPTZ '2020-10-05T08:00:00Z'),
    ('M-BERATUNG', '2020-Q3', DATE '2020-07-01', 'COTTA', 131, 'APPROVED', TIMESTAMPTZ '2020-10-05T08:00:00Z'),
    ('S-SPRACHKURS', '2020', DATE '2020-01-01', NULL, 970, 'APPROVED', TIMESTAMPTZ '2021-02-01T08:00:00Z'),
    ('B-EHRENAMT', '2020', DATE '2020-01-01', NULL, 300, 'APPROVED', TIMESTAMPTZ '2021-02-01T08:00:00Z'),
    ('W-BELEGUNG', '2020-10', DATE '2020-10-01', NULL, 78.5, 'APPROVED', TIMESTAMPTZ '2020-11-03T08:00:00Z'),
    ('W-BELEGUNG', '2020-11', DATE '2020-11-01', NULL, 83.0, 'APPROVED', TIMESTAMPTZ '2020-12-02T08:00:00Z'),
    ('W-BELEGUNG', '2020-12', DATE '2020-12-01', NULL, 88.0, 'APPROVED', TIMESTAMPTZ '2021-01-05T08:00:00Z'),
    ('W-BELEGUNG', '2020-12', DATE '2020-12-01', 'PROHLIS', 91.0, 'DRAFT', TIMESTAMPTZ '2021-01-05T08:00:00Z')
) AS v (code, period, period_start, district, value, state, recorded_at)
WHERE p.code = 'DD-FAI-2022' AND i.code = v.code;
