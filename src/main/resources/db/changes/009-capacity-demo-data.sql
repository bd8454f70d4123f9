--liquibase formatted sql

--changeset fachplan:009-demo-facilities context:demo
-- Illustrative facilities whose March 2019 figures add up to the published ones (2,718 persons,
-- 1,854 of them in flats; Cotta 752, Prohlis 713, Plauen 268, Altstadt 262, Neustadt 251). Names,
-- addresses, places and the split between facilities are invented.
INSERT INTO accommodation_facility (code, name, type, district_id, operator_organisation_id, street_address,
                                    planned_places, state, opened_on, illustrative, created_at, updated_at)
SELECT v.code, v.name, v.type, d.id, o.id, v.street, v.planned, v.state, v.opened, true,
       TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z'
FROM (VALUES
    ('GU-COTTA-1', 'Gemeinschaftsunterkunft Beispielweg (Gorbitz)', 'SHARED_ACCOMMODATION', 'COTTA', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispielstraße 1', 400, 'ACTIVE', DATE '2016-01-01'),
    ('GU-PROHLIS-1', 'Gemeinschaftsunterkunft Musterstraße', 'SHARED_ACCOMMODATION', 'PROHLIS', 'Beispiel-Sozialwerk Elbtal e. V.', 'Beispielstraße 2', 380, 'ACTIVE', DATE '2016-02-01'),
    ('GU-ALTSTADT-1', 'Gemeinschaftsunterkunft Beispielplatz', 'SHARED_ACCOMMODATION', 'ALTSTADT', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispielstraße 3', 180, 'ACTIVE', DATE '2016-03-01'),
    ('GU-NEUSTADT-1', 'Gemeinschaftsunterkunft Musterhof', 'SHARED_ACCOMMODATION', 'NEUSTADT', 'Beispiel-Sozialwerk Elbtal e. V.', 'Beispielstraße 4', 160, 'ACTIVE', DATE '2016-04-01'),
    ('GU-PIESCHEN-1', 'Gemeinschaftsunterkunft Beispielufer', 'SHARED_ACCOMMODATION', 'PIESCHEN', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispielstraße 5', 220, 'ACTIVE', DATE '2016-05-01'),
    ('GU-KLOTZSCHE-1', 'Gemeinschaftsunterkunft Musterheide', 'SHARED_ACCOMMODATION', 'KLOTZSCHE', 'Beispiel-Sozialwerk Elbtal e. V.', 'Beispielstraße 6', 230, 'ACTIVE', DATE '2016-06-01'),
    ('WHG-COTTA', 'Gewährleistungswohnungen Cotta', 'MUNICIPAL_FLAT', 'COTTA', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 7', 640, 'ACTIVE', DATE '2016-07-01'),
    ('WHG-PROHLIS', 'Gewährleistungswohnungen Prohlis', 'MUNICIPAL_FLAT', 'PROHLIS', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 8', 600, 'ACTIVE', DATE '2016-08-01'),
    ('WHG-PLAUEN', 'Gewährleistungswohnungen Plauen', 'MUNICIPAL_FLAT', 'PLAUEN', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 9', 310, 'ACTIVE', DATE '2016-09-01'),
    ('WHG-ALTSTADT', 'Gewährleistungswohnungen Altstadt', 'MUNICIPAL_FLAT', 'ALTSTADT', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 10', 190, 'ACTIVE', DATE '2016-01-01'),
    ('WHG-NEUSTADT', 'Gewährleistungswohnungen Neustadt', 'MUNICIPAL_FLAT', 'NEUSTADT', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 11', 185, 'ACTIVE', DATE '2016-02-01'),
    ('WHG-LEUBEN', 'Gewährleistungswohnungen Leuben', 'MUNICIPAL_FLAT', 'LEUBEN', 'Landeshauptstadt Dresden, Sozialamt', 'Beispielstraße 12', 220, 'ACTIVE', DATE '2016-03-01'),
    ('GU-LOSCHWITZ-R', 'Reserveunterkunft Beispielhang', 'SHARED_ACCOMMODATION', 'LOSCHWITZ', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispielstraße 13', 150, 'RESERVE', DATE '2016-04-01'),
    ('NU-BEISPIELHALLE', 'Notunterkunft Beispielhalle', 'EMERGENCY_SHELTER', 'ALTSTADT',
     'Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispielallee 99', 500, 'CLOSED', DATE '2015-10-01')
) AS v (code, name, type, district, operator, street, planned, state, opened)
JOIN district d ON d.code = v.district
JOIN organisation o ON o.name = v.operator;
UPDATE accommodation_facility SET closed_on = DATE '2017-06-30' WHERE code = 'NU-BEISPIELHALLE';

--changeset fachplan:009-demo-capacity-records context:demo
INSERT INTO capacity_record (facility_id, month, state, places_available, places_blocked, persons_housed,
                             created_at, updated_at)
SELECT f.id, DATE '2019-03-01', v.state, v.available, v.blocked, v.housed,
       TIMESTAMPTZ '2019-04-02T08:00:00Z', TIMESTAMPTZ '2019-04-02T08:00:00Z'
FROM (VALUES
    ('GU-COTTA-1', 'ACTIVE', 400, 12, 192),
    ('GU-PROHLIS-1', 'ACTIVE', 380, 20, 193),
    ('GU-ALTSTADT-1', 'ACTIVE', 180, 6, 102),
    ('GU-NEUSTADT-1', 'ACTIVE', 160, 4, 95),
    ('GU-PIESCHEN-1', 'ACTIVE', 220, 10, 140),
    ('GU-KLOTZSCHE-1', 'ACTIVE', 226, 8, 142),
    ('WHG-COTTA', 'ACTIVE', 640, 15, 560),
    ('WHG-PROHLIS', 'ACTIVE', 600, 14, 520),
    ('WHG-PLAUEN', 'ACTIVE', 310, 6, 268),
    ('WHG-ALTSTADT', 'ACTIVE', 190, 4, 160),
    ('WHG-NEUSTADT', 'ACTIVE', 185, 3, 156),
    ('WHG-LEUBEN', 'ACTIVE', 220, 5, 190),
    ('GU-LOSCHWITZ-R', 'RESERVE', 150, 0, 0)
) AS v (code, state, available, blocked, housed)
JOIN accommodation_facility f ON f.code = v.code;

--changeset fachplan:009-demo-scenarios context:demo
-- The usual low / base / high trio; all parameters illustrative.
INSERT INTO forecast_scenario (plan_id, code, version, name, description, monthly_allocations, departure_rate,
                               target_occupancy, reserve_share, issued_on, illustrative, created_at, created_by)
SELECT p.id, v.code, 1, v.name, 'Illustrative scenario for the demo.', v.allocations, 0.025, 0.85, 0.10,
       DATE '2019-07-05', true, TIMESTAMPTZ '2019-07-05T00:00:00Z', 'system'
FROM (VALUES ('LOW', 'Niedrige Zuweisung', 40), ('BASE', 'Mittlere Zuweisung', 70), ('HIGH', 'Hohe Zuweisung', 120))
    AS v (code, name, allocations)
JOIN plan p ON p.code = 'DD-FAI-2022';
