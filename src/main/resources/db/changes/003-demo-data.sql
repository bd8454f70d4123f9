--liquibase formatted sql

-- ILLUSTRATIVE DEMO DATA. Every row in this file is invented for demonstration: the partner
-- organisations, the measures and their periods, leads, partners, statuses and histories.
-- Three measures take their subject from measures the city named in public (B1, M1, R1), their
-- details are still invented and they are marked illustrative like all others.
-- All changesets carry the Liquibase context "demo": they are loaded only when the service runs
-- on its embedded database (local default mode and dev mode), never in production.
-- Rows are linked by codes and names (plan DD-FAI-2022, action field, guideline, target group,
-- district, organisation name), ids come from the column defaults.

--changeset fachplan:003-demo-organisations context:demo
INSERT INTO organisation (name, short_name, type, website, illustrative, created_at, updated_at, version)
VALUES ('Beispiel-Wohlfahrtsverband Dresden e. V.', 'Beispiel-WV', 'WELFARE_ASSOCIATION', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1),
       ('Beispiel-Sozialwerk Elbtal e. V.', 'Beispiel-SWE', 'WELFARE_ASSOCIATION', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1),
       ('Beispiel-Nachbarschaftsverein Dresden e. V.', 'Beispiel-NV', 'ASSOCIATION', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1),
       ('Beispiel-Migrantenverband Dresden e. V.', 'Beispiel-MV', 'MIGRANT_ORGANISATION', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1),
       ('Beispiel-Frauennetzwerk Vielfalt e. V.', 'Beispiel-FNV', 'MIGRANT_ORGANISATION', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1),
       ('Beispiel-Sprachschule Dresden gGmbH', 'Beispiel-SSD', 'EDUCATION_PROVIDER', NULL, true,
        TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z', 1);

--changeset fachplan:003-demo-measures context:demo
-- updated_at is the time of the measure's last status change (see 003-demo-measure-status-changes).
INSERT INTO measure (plan_id, action_field_id, code, number, title, description, status, progress,
                     planned_start, planned_end, lead_organisation_id, illustrative, created_at, updated_at, version)
SELECT (SELECT p.id FROM plan p WHERE p.code = 'DD-FAI-2022'),
       (SELECT af.id FROM action_field af JOIN plan p ON p.id = af.plan_id
        WHERE p.code = 'DD-FAI-2022' AND af.code = v.field),
       v.field || v.number, v.number, v.title, v.description, v.status, v.progress,
       v.planned_start, v.planned_end,
       (SELECT o.id FROM organisation o WHERE o.name = v.lead ORDER BY o.created_at, o.id LIMIT 1),
       true, TIMESTAMPTZ '2019-07-05T00:00:00Z', v.updated_at, 1
FROM (VALUES
    ('M', 1, 'Weiterentwicklung der Flüchtlingssozialarbeit zur Migrationssozialarbeit',
     'Die Flüchtlingssozialarbeit wird zu einer personen- und bedarfsorientierten Migrationssozialarbeit weiterentwickelt, die nach Fachleistungsstunden vergütet wird. Grundlage der Begleitung ist ein individueller Integrationsplan. Im Fachplan öffentlich benannt; Details illustrativ.',
     'IMPLEMENTATION', 60, DATE '2019-09-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-09-02T08:00:00Z'),
    ('M', 2, 'Aufsuchende Migrationssozialarbeit für Geflüchtete in Wohnungen',
     'Sozialarbeiterinnen und Sozialarbeiter beraten Geflüchtete, die in eigenen Wohnungen leben, direkt im Stadtteil. Die Beratung umfasst Fragen zu Behörden, Wohnen, Arbeit und Schule.',
     'IMPLEMENTATION', 45, DATE '2019-10-01', DATE '2022-12-31', 'Beispiel-Wohlfahrtsverband Dresden e. V.', TIMESTAMPTZ '2019-10-01T08:00:00Z'),
    ('M', 3, 'Qualitätsstandards und Fortbildungen für die Migrationssozialarbeit',
     'Gemeinsame Qualitätsstandards für alle Träger der Migrationssozialarbeit werden erarbeitet und durch regelmäßige Fortbildungen der Fachkräfte verankert.',
     'FINALISATION', 90, DATE '2019-08-01', DATE '2021-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2021-11-15T08:00:00Z'),
    ('M', 4, 'Beratung von Familien mit Kindern in Gemeinschaftsunterkünften',
     'Familien mit Kindern in Gemeinschaftsunterkünften erhalten eine feste Ansprechperson. Die Beratung hilft beim Zugang zu Kita, Schule und Familienleistungen.',
     'CLOSED', 100, DATE '2019-07-15', DATE '2021-06-30', 'Beispiel-Sozialwerk Elbtal e. V.', TIMESTAMPTZ '2021-07-01T08:00:00Z'),

    ('R', 1, 'Modellprojekte zur interkulturellen Öffnung von Beratungsdiensten',
     'Modellprojekte unterstützen die interkulturelle Öffnung von Regelberatungsdiensten wie der Schuldnerberatung, der Familienberatung und der Suchtberatung. Im Fachplan öffentlich benannt; Details illustrativ.',
     'IMPLEMENTATION', 50, DATE '2020-01-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2020-01-15T08:00:00Z'),
    ('R', 2, 'Interkulturelle Schulungen für Mitarbeitende der Stadtverwaltung',
     'Mitarbeitende von Ämtern mit viel Publikumsverkehr werden in interkultureller Kommunikation geschult. Die Schulungen werden gemeinsam mit Migrantenorganisationen gestaltet.',
     'IMPLEMENTATION', 35, DATE '2020-03-01', DATE '2022-06-30', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2020-09-01T08:00:00Z'),
    ('R', 3, 'Öffnung der Kinder- und Jugendhilfe für geflüchtete Familien',
     'Angebote der Kinder- und Jugendhilfe werden für geflüchtete Familien bekannter und leichter zugänglich gemacht, etwa durch mehrsprachige Informationen und feste Sprechzeiten.',
     'SUSPENDED', 20, DATE '2020-01-01', DATE '2022-12-31', 'Beispiel-Nachbarschaftsverein Dresden e. V.', TIMESTAMPTZ '2021-03-01T08:00:00Z'),

    ('B', 1, 'Geflüchtete als Mentorinnen und Mentoren für Neuzugewanderte',
     'Geflüchtete, die schon länger in Dresden leben, werden in ihrem Engagement als Mentorinnen und Mentoren für neu zugewanderte Menschen unterstützt. Im Fachplan öffentlich benannt; Details illustrativ.',
     'IMPLEMENTATION', 55, DATE '2019-10-01', DATE '2022-12-31', 'Beispiel-Migrantenverband Dresden e. V.', TIMESTAMPTZ '2019-10-07T08:00:00Z'),
    ('B', 2, 'Koordinierung und Qualifizierung von Ehrenamtlichen in der Flüchtlingshilfe',
     'Eine Koordinierungsstelle vermittelt Ehrenamtliche an Unterkünfte und Projekte und bietet ihnen Fortbildungen und Supervision an.',
     'IMPLEMENTATION', 70, DATE '2019-07-15', DATE '2022-12-31', 'Beispiel-Nachbarschaftsverein Dresden e. V.', TIMESTAMPTZ '2019-07-15T08:00:00Z'),
    ('B', 3, 'Anerkennungskultur für ehrenamtlich Engagierte',
     'Ein jährlicher Empfang und ein Ehrenamtspass würdigen das Engagement von Bürgerinnen und Bürgern in der Integrationsarbeit.',
     'CLOSED', 100, DATE '2019-09-01', DATE '2020-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2021-01-15T08:00:00Z'),

    ('W', 1, 'Vorrang der Unterbringung in Wohnungen',
     'Asylsuchende werden vorrangig in Wohnungen statt in Gemeinschaftsunterkünften untergebracht. Familien mit Kindern werden dabei bevorzugt berücksichtigt.',
     'IMPLEMENTATION', 65, DATE '2019-07-05', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-07-08T08:00:00Z'),
    ('W', 2, 'Auszugsmanagement aus Gemeinschaftsunterkünften',
     'Geflüchtete mit Bleiberecht erhalten Beratung und praktische Hilfe bei der Suche nach einer eigenen Wohnung.',
     'IMPLEMENTATION', 75, DATE '2019-10-01', DATE '2022-06-30', 'Beispiel-Wohlfahrtsverband Dresden e. V.', TIMESTAMPTZ '2022-01-10T08:00:00Z'),
    ('W', 3, 'Schutzkonzepte für Frauen und Kinder in Gemeinschaftsunterkünften',
     'Für jede Gemeinschaftsunterkunft wird ein Schutzkonzept gegen Gewalt erarbeitet, mit Rückzugsräumen und festen Ansprechpersonen für Frauen und Kinder.',
     'CLOSED', 100, DATE '2019-08-01', DATE '2020-12-31', 'Beispiel-Sozialwerk Elbtal e. V.', TIMESTAMPTZ '2020-12-18T08:00:00Z'),
    ('W', 4, 'Wohnraumakquise bei privaten Vermieterinnen und Vermietern',
     'Private Vermieterinnen und Vermieter sollten über eine Kampagne für die Vermietung an Geflüchtete gewonnen werden.',
     'CANCELLED', 0, DATE '2020-04-01', DATE '2021-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2020-06-15T08:00:00Z'),

    ('S', 1, 'Sprachkurse für Asylsuchende ohne Zugang zu Integrationskursen',
     'Niedrigschwellige Sprachkurse stehen Asylsuchenden und Geduldeten offen, die keinen Anspruch auf einen Integrationskurs haben. Die Kurse finden wohnortnah statt.',
     'IMPLEMENTATION', 60, DATE '2019-09-01', DATE '2022-12-31', 'Beispiel-Sprachschule Dresden gGmbH', TIMESTAMPTZ '2019-09-16T08:00:00Z'),
    ('S', 2, 'Sprachkurs mit Kinderbetreuung für Mütter',
     'Ein Sprachkurs mit paralleler Kinderbetreuung ermöglicht Müttern aus geflüchteten Familien das Deutschlernen.',
     'IMPLEMENTATION', 40, DATE '2020-02-01', DATE '2022-12-31', 'Beispiel-Frauennetzwerk Vielfalt e. V.', TIMESTAMPTZ '2020-09-01T08:00:00Z'),
    ('S', 3, 'Sprachmittlung für Beratungsgespräche',
     'Ein Pool geschulter Sprachmittlerinnen und Sprachmittler unterstützt Beratungsgespräche in Ämtern, Schulen und Beratungsstellen.',
     'IMPLEMENTATION', 50, DATE '2019-11-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-11-04T08:00:00Z'),
    ('S', 4, 'Übersetzung zentraler Informationen in Leichte Sprache und Herkunftssprachen',
     'Wichtige Informationen der Stadt zu Unterbringung, Beratung und Gesundheit sollen in Leichter Sprache und in den häufigsten Herkunftssprachen erscheinen.',
     'PIPELINE', 0, DATE '2022-03-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-07-05T00:00:00Z'),

    ('F', 1, 'Bildungsberatung für junge Geflüchtete',
     'Junge Geflüchtete erhalten Beratung zu Schulabschlüssen, Ausbildung und Studium. Unbegleitete Minderjährige werden dabei besonders begleitet.',
     'IMPLEMENTATION', 55, DATE '2019-09-01', DATE '2022-08-31', 'Beispiel-Sprachschule Dresden gGmbH', TIMESTAMPTZ '2019-09-02T08:00:00Z'),
    ('F', 2, 'Freizeitangebote für Kinder und Jugendliche in den Stadtteilen',
     'Sport-, Kultur- und Ferienangebote bringen geflüchtete und einheimische Kinder und Jugendliche in den Stadtteilen zusammen.',
     'IMPLEMENTATION', 60, DATE '2020-04-01', DATE '2022-12-31', 'Beispiel-Nachbarschaftsverein Dresden e. V.', TIMESTAMPTZ '2020-06-02T08:00:00Z'),
    ('F', 3, 'Elterncafés an Grundschulen',
     'Elterncafés sollten Familien mit Fluchterfahrung den Kontakt zur Schule erleichtern. Nach der pandemiebedingten Unterbrechung wurde das Vorhaben eingestellt.',
     'CANCELLED', 25, DATE '2019-10-01', DATE '2021-07-31', 'Beispiel-Frauennetzwerk Vielfalt e. V.', TIMESTAMPTZ '2021-02-01T08:00:00Z'),

    ('G', 1, 'Psychosoziale Versorgung traumatisierter Geflüchteter',
     'Traumatisierte Geflüchtete erhalten schneller Zugang zu psychosozialer Beratung und Therapie. Fachkräfte in Unterkünften werden für Anzeichen von Traumatisierung sensibilisiert.',
     'IMPLEMENTATION', 45, DATE '2019-10-01', DATE '2022-12-31', 'Beispiel-Sozialwerk Elbtal e. V.', TIMESTAMPTZ '2019-11-01T08:00:00Z'),
    ('G', 2, 'Gesundheitslotsinnen und Gesundheitslotsen aus den Communities',
     'Geschulte Menschen mit Migrationsgeschichte informieren in ihren Communities über das Gesundheitssystem und begleiten bei Bedarf zu Arztterminen.',
     'FINALISATION', 90, DATE '2020-01-01', DATE '2022-06-30', 'Beispiel-Migrantenverband Dresden e. V.', TIMESTAMPTZ '2022-05-02T08:00:00Z'),
    ('G', 3, 'Gesundheitsinformationen in Gemeinschaftsunterkünften',
     'In Gemeinschaftsunterkünften finden regelmäßige Informationsveranstaltungen zu Vorsorge, Impfungen und Hygiene statt.',
     'CLOSED', 100, DATE '2019-08-01', DATE '2020-07-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2020-08-03T08:00:00Z'),

    ('P', 1, 'Beteiligung von Migrantenorganisationen an der Integrationsplanung',
     'Migrantenorganisationen werden an der Fortschreibung und am Controlling des Fachplans beteiligt, etwa durch einen regelmäßigen Fachaustausch.',
     'IMPLEMENTATION', 50, DATE '2019-09-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-09-09T08:00:00Z'),
    ('P', 2, 'Förderung der Selbstorganisation von Migrantinnen und Migranten',
     'Neu gegründete Vereine von Migrantinnen und Migranten erhalten Beratung zu Vereinsgründung, Fördermitteln und Räumen.',
     'IMPLEMENTATION', 40, DATE '2020-01-01', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2020-03-02T08:00:00Z'),

    ('Q', 1, 'Stadtteilrunden zu Integration und Zusammenleben',
     'In Stadtteilen mit vielen Neuzugewanderten tauschen sich Verwaltung, Träger, Initiativen sowie Bürgerinnen und Bürger regelmäßig über das Zusammenleben aus.',
     'IMPLEMENTATION', 55, DATE '2019-10-01', DATE '2022-12-31', 'Beispiel-Nachbarschaftsverein Dresden e. V.', TIMESTAMPTZ '2019-10-01T08:00:00Z'),
    ('Q', 2, 'Begegnungsorte in den Stadtteilen',
     'Offene Treffpunkte bieten Raum für Begegnung, Beratung und gemeinsame Aktivitäten von alten und neuen Nachbarinnen und Nachbarn.',
     'IMPLEMENTATION', 50, DATE '2020-01-01', DATE '2022-12-31', 'Beispiel-Nachbarschaftsverein Dresden e. V.', TIMESTAMPTZ '2021-06-01T08:00:00Z'),

    ('C', 1, 'Jährlicher Controllingbericht zum Fachplan',
     'Der Umsetzungsstand aller Vorhaben wird jährlich anhand von Indikatoren erhoben und dem Stadtrat berichtet.',
     'IMPLEMENTATION', 75, DATE '2019-07-05', DATE '2022-12-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2019-07-08T08:00:00Z'),
    ('C', 2, 'Förderrichtlinie für Integrationsprojekte freier Träger',
     'Eine städtische Förderrichtlinie regelt Ziele, Verfahren und Nachweise für die Förderung von Integrationsprojekten freier Träger.',
     'FINALISATION', 90, DATE '2019-07-05', DATE '2022-03-31', 'Landeshauptstadt Dresden, Sozialamt', TIMESTAMPTZ '2022-02-01T08:00:00Z')
) AS v (field, number, title, description, status, progress, planned_start, planned_end, lead, updated_at);

--changeset fachplan:003-demo-measure-guidelines context:demo
INSERT INTO measure_guideline (measure_id, guideline_id)
SELECT (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.code = 'DD-FAI-2022' AND m.code = v.measure),
       (SELECT g.id FROM guideline g JOIN plan p ON p.id = g.plan_id WHERE p.code = 'DD-FAI-2022' AND g.code = v.guideline)
FROM (VALUES
    ('M1', 'L1'), ('M1', 'L2'),
    ('M2', 'L2'), ('M2', 'L3'),
    ('M3', 'L2'),
    ('M4', 'L1'), ('M4', 'L2'),
    ('R1', 'L2'), ('R1', 'L3'),
    ('R2', 'L2'),
    ('R3', 'L1'), ('R3', 'L2'), ('R3', 'L3'),
    ('B1', 'L2'), ('B1', 'L3'),
    ('B2', 'L3'),
    ('B3', 'L3'),
    ('W1', 'L1'), ('W1', 'L2'),
    ('W2', 'L1'), ('W2', 'L2'),
    ('W3', 'L2'),
    ('W4', 'L1'),
    ('S1', 'L1'),
    ('S2', 'L1'), ('S2', 'L2'),
    ('S3', 'L2'),
    ('S4', 'L1'), ('S4', 'L2'),
    ('F1', 'L1'), ('F1', 'L2'),
    ('F2', 'L3'),
    ('F3', 'L2'), ('F3', 'L3'),
    ('G1', 'L2'),
    ('G2', 'L2'), ('G2', 'L3'),
    ('G3', 'L1'),
    ('P1', 'L2'),
    ('P2', 'L2'), ('P2', 'L3'),
    ('Q1', 'L3'),
    ('Q2', 'L3'),
    ('C1', 'L1'), ('C1', 'L2'), ('C1', 'L3'),
    ('C2', 'L2'), ('C2', 'L3')
) AS v (measure, guideline);

--changeset fachplan:003-demo-measure-target-groups context:demo
INSERT INTO measure_target_group (measure_id, target_group_id)
SELECT (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.code = 'DD-FAI-2022' AND m.code = v.measure),
       (SELECT t.id FROM target_group t WHERE t.code = v.target_group)
FROM (VALUES
    ('M1', 'ASYLUM_SEEKERS'), ('M1', 'RECOGNISED_REFUGEES'), ('M1', 'TOLERATED_PERSONS'),
    ('M2', 'RECOGNISED_REFUGEES'), ('M2', 'SUBSIDIARY_PROTECTION'), ('M2', 'FAMILIES_WITH_CHILDREN'),
    ('M3', 'ASYLUM_SEEKERS'), ('M3', 'RECOGNISED_REFUGEES'),
    ('M4', 'FAMILIES_WITH_CHILDREN'), ('M4', 'WOMEN'),
    ('R1', 'RECOGNISED_REFUGEES'), ('R1', 'SUBSIDIARY_PROTECTION'), ('R1', 'DEPORTATION_BAN'),
    ('R2', 'ASYLUM_SEEKERS'), ('R2', 'RECOGNISED_REFUGEES'),
    ('R3', 'FAMILIES_WITH_CHILDREN'), ('R3', 'UNACCOMPANIED_MINORS'),
    ('B1', 'ASYLUM_SEEKERS'), ('B1', 'RECOGNISED_REFUGEES'), ('B1', 'QUOTA_AND_RESETTLEMENT_REFUGEES'),
    ('B2', 'ASYLUM_SEEKERS'), ('B2', 'RECOGNISED_REFUGEES'),
    ('B3', 'RECOGNISED_REFUGEES'),
    ('W1', 'ASYLUM_SEEKERS'), ('W1', 'TOLERATED_PERSONS'), ('W1', 'FAMILIES_WITH_CHILDREN'),
    ('W2', 'RECOGNISED_REFUGEES'), ('W2', 'SUBSIDIARY_PROTECTION'),
    ('W3', 'WOMEN'), ('W3', 'FAMILIES_WITH_CHILDREN'), ('W3', 'TRAUMATISED_PEOPLE'),
    ('W4', 'RECOGNISED_REFUGEES'), ('W4', 'FAMILIES_WITH_CHILDREN'),
    ('S1', 'ASYLUM_SEEKERS'), ('S1', 'TOLERATED_PERSONS'),
    ('S2', 'WOMEN'), ('S2', 'FAMILIES_WITH_CHILDREN'),
    ('S3', 'ASYLUM_SEEKERS'), ('S3', 'RECOGNISED_REFUGEES'), ('S3', 'PEOPLE_WITH_DISABILITIES'),
    ('S4', 'ASYLUM_SEEKERS'), ('S4', 'RECOGNISED_REFUGEES'), ('S4', 'PEOPLE_WITH_DISABILITIES'),
    ('F1', 'UNACCOMPANIED_MINORS'), ('F1', 'RECOGNISED_REFUGEES'),
    ('F2', 'FAMILIES_WITH_CHILDREN'), ('F2', 'UNACCOMPANIED_MINORS'),
    ('F3', 'FAMILIES_WITH_CHILDREN'),
    ('G1', 'TRAUMATISED_PEOPLE'), ('G1', 'UNACCOMPANIED_MINORS'),
    ('G2', 'RECOGNISED_REFUGEES'), ('G2', 'WOMEN'),
    ('G3', 'ASYLUM_SEEKERS'), ('G3', 'PERSONS_OBLIGED_TO_LEAVE'), ('G3', 'FAMILIES_WITH_CHILDREN'),
    ('P1', 'RECOGNISED_REFUGEES'), ('P1', 'SUBSIDIARY_PROTECTION'),
    ('P2', 'RECOGNISED_REFUGEES'), ('P2', 'WOMEN'),
    ('Q1', 'ASYLUM_SEEKERS'), ('Q1', 'RECOGNISED_REFUGEES'),
    ('Q2', 'RECOGNISED_REFUGEES'), ('Q2', 'FAMILIES_WITH_CHILDREN'),
    ('C1', 'ASYLUM_SEEKERS'), ('C1', 'RECOGNISED_REFUGEES'), ('C1', 'TOLERATED_PERSONS'),
    ('C2', 'RECOGNISED_REFUGEES')
) AS v (measure, target_group);

--changeset fachplan:003-demo-measure-districts context:demo
-- Measures without a row here work city-wide.
INSERT INTO measure_district (measure_id, district_id)
SELECT (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.code = 'DD-FAI-2022' AND m.code = v.measure),
       (SELECT d.id FROM district d WHERE d.code = v.district)
FROM (VALUES
    ('M2', 'COTTA'), ('M2', 'PROHLIS'),
    ('M4', 'ALTSTADT'), ('M4', 'PLAUEN'),
    ('R3', 'NEUSTADT'), ('R3', 'PIESCHEN'),
    ('W2', 'COTTA'), ('W2', 'PROHLIS'), ('W2', 'PLAUEN'),
    ('S2', 'PROHLIS'), ('S2', 'COTTA'),
    ('F2', 'PROHLIS'), ('F2', 'COTTA'), ('F2', 'PIESCHEN'),
    ('F3', 'LEUBEN'), ('F3', 'BLASEWITZ'),
    ('Q1', 'PROHLIS'), ('Q1', 'COTTA'), ('Q1', 'LEUBEN'),
    ('Q2', 'PIESCHEN'), ('Q2', 'NEUSTADT'), ('Q2', 'ALTSTADT')
) AS v (measure, district);

--changeset fachplan:003-demo-measure-partners context:demo
-- A measure's lead organisation is never also one of its partners.
INSERT INTO measure_partner (measure_id, organisation_id, role)
SELECT (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.code = 'DD-FAI-2022' AND m.code = v.measure),
       (SELECT o.id FROM organisation o WHERE o.name = v.organisation ORDER BY o.created_at, o.id LIMIT 1),
       v.role
FROM (VALUES
    ('M1', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'IMPLEMENTING'),
    ('M1', 'Beispiel-Sozialwerk Elbtal e. V.', 'IMPLEMENTING'),
    ('M2', 'Beispiel-Sozialwerk Elbtal e. V.', 'COOPERATING'),
    ('M3', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'COOPERATING'),
    ('M3', 'Beispiel-Sozialwerk Elbtal e. V.', 'COOPERATING'),
    ('M4', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'COOPERATING'),
    ('R1', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'IMPLEMENTING'),
    ('R1', 'Beispiel-Migrantenverband Dresden e. V.', 'COOPERATING'),
    ('R2', 'Beispiel-Migrantenverband Dresden e. V.', 'COOPERATING'),
    ('R3', 'Beispiel-Frauennetzwerk Vielfalt e. V.', 'COOPERATING'),
    ('B1', 'Beispiel-Nachbarschaftsverein Dresden e. V.', 'COOPERATING'),
    ('B2', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'FUNDING'),
    ('B3', 'Beispiel-Nachbarschaftsverein Dresden e. V.', 'COOPERATING'),
    ('W2', 'Beispiel-Sozialwerk Elbtal e. V.', 'COOPERATING'),
    ('W3', 'Beispiel-Frauennetzwerk Vielfalt e. V.', 'COOPERATING'),
    ('W4', 'Beispiel-Nachbarschaftsverein Dresden e. V.', 'COOPERATING'),
    ('S1', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'COOPERATING'),
    ('S2', 'Beispiel-Sprachschule Dresden gGmbH', 'IMPLEMENTING'),
    ('S3', 'Beispiel-Migrantenverband Dresden e. V.', 'IMPLEMENTING'),
    ('F1', 'Beispiel-Migrantenverband Dresden e. V.', 'COOPERATING'),
    ('F2', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'FUNDING'),
    ('F3', 'Beispiel-Nachbarschaftsverein Dresden e. V.', 'COOPERATING'),
    ('G1', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'COOPERATING'),
    ('G2', 'Beispiel-Sozialwerk Elbtal e. V.', 'IMPLEMENTING'),
    ('G3', 'Beispiel-Sozialwerk Elbtal e. V.', 'IMPLEMENTING'),
    ('P1', 'Beispiel-Migrantenverband Dresden e. V.', 'COOPERATING'),
    ('P1', 'Beispiel-Frauennetzwerk Vielfalt e. V.', 'COOPERATING'),
    ('P2', 'Beispiel-Migrantenverband Dresden e. V.', 'IMPLEMENTING'),
    ('Q1', 'Beispiel-Wohlfahrtsverband Dresden e. V.', 'COOPERATING'),
    ('Q2', 'Beispiel-Migrantenverband Dresden e. V.', 'COOPERATING')
) AS v (measure, organisation, role);

--changeset fachplan:003-demo-measure-status-changes context:demo
-- Every measure starts in PIPELINE on the day the plan was adopted; later rows follow the allowed
-- transitions and end at the measure's current status.
INSERT INTO measure_status_change (measure_id, from_status, to_status, changed_at, changed_by, reason)
SELECT (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE p.code = 'DD-FAI-2022' AND m.code = v.measure),
       v.from_status, v.to_status, v.changed_at, 'demo-data', v.reason
FROM (VALUES
    ('M1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('M1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-09-02T08:00:00Z', 'Umstellung auf Fachleistungsstunden begonnen'),

    ('M2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('M2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-10-01T08:00:00Z', 'Personal eingestellt, Beratung gestartet'),

    ('M3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('M3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-08-15T08:00:00Z', 'Arbeitsgruppe der Träger gebildet'),
    ('M3', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2021-11-15T08:00:00Z', 'Standards abgestimmt, Abschlussbericht in Arbeit'),

    ('M4', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('M4', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-07-15T08:00:00Z', 'Beratung gestartet'),
    ('M4', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2021-05-03T08:00:00Z', 'Übergabe in die Migrationssozialarbeit vorbereitet'),
    ('M4', 'FINALISATION', 'CLOSED', TIMESTAMPTZ '2021-07-01T08:00:00Z', 'Vorhaben abgeschlossen'),

    ('R1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('R1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-01-15T08:00:00Z', 'Erste Modellprojekte gestartet'),

    ('R2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('R2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-09-01T08:00:00Z', 'Start wegen der Pandemie verschoben, erste Schulungen online'),

    ('R3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('R3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-02-03T08:00:00Z', 'Vorhaben gestartet'),
    ('R3', 'IMPLEMENTATION', 'SUSPENDED', TIMESTAMPTZ '2021-03-01T08:00:00Z', 'Personalwechsel beim Träger'),

    ('B1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('B1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-10-07T08:00:00Z', 'Erste Mentorinnen und Mentoren geschult'),

    ('B2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('B2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-07-15T08:00:00Z', 'Koordinierungsstelle besetzt'),

    ('B3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('B3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-09-02T08:00:00Z', 'Vorhaben gestartet'),
    ('B3', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2020-11-16T08:00:00Z', 'Ehrenamtspass eingeführt'),
    ('B3', 'FINALISATION', 'CLOSED', TIMESTAMPTZ '2021-01-15T08:00:00Z', 'Vorhaben abgeschlossen'),

    ('W1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('W1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-07-08T08:00:00Z', 'Umsetzung mit Beschluss des Fachplans'),

    ('W2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('W2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-10-01T08:00:00Z', 'Beratung gestartet'),
    ('W2', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2021-10-01T08:00:00Z', 'Auslaufen vorbereitet'),
    ('W2', 'FINALISATION', 'IMPLEMENTATION', TIMESTAMPTZ '2022-01-10T08:00:00Z', 'Wiederaufnahme wegen weiter hohen Bedarfs'),

    ('W3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('W3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-08-01T08:00:00Z', 'Vorhaben gestartet'),
    ('W3', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2020-10-01T08:00:00Z', 'Schutzkonzepte für alle Unterkünfte erstellt'),
    ('W3', 'FINALISATION', 'CLOSED', TIMESTAMPTZ '2020-12-18T08:00:00Z', 'Vorhaben abgeschlossen'),

    ('W4', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('W4', 'PIPELINE', 'CANCELLED', TIMESTAMPTZ '2020-06-15T08:00:00Z', 'Mittel in andere Vorhaben zur Wohnraumversorgung umgeschichtet'),

    ('S1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('S1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-09-16T08:00:00Z', 'Erste Kurse gestartet'),

    ('S2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('S2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-02-03T08:00:00Z', 'Erster Kurs gestartet'),
    ('S2', 'IMPLEMENTATION', 'SUSPENDED', TIMESTAMPTZ '2020-03-23T08:00:00Z', 'Unterbrechung wegen der Pandemie'),
    ('S2', 'SUSPENDED', 'IMPLEMENTATION', TIMESTAMPTZ '2020-09-01T08:00:00Z', 'Kurse mit Hygienekonzept wieder aufgenommen'),

    ('S3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('S3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-11-04T08:00:00Z', 'Pool aufgebaut, Vermittlung gestartet'),

    ('S4', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),

    ('F1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('F1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-09-02T08:00:00Z', 'Beratung gestartet'),

    ('F2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('F2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-06-02T08:00:00Z', 'Erste Angebote im Freien gestartet'),

    ('F3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('F3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-10-14T08:00:00Z', 'Erste Elterncafés eröffnet'),
    ('F3', 'IMPLEMENTATION', 'SUSPENDED', TIMESTAMPTZ '2020-03-16T08:00:00Z', 'Schulschließungen wegen der Pandemie'),
    ('F3', 'SUSPENDED', 'CANCELLED', TIMESTAMPTZ '2021-02-01T08:00:00Z', 'Vorhaben eingestellt, Inhalte in F2 aufgegangen'),

    ('G1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('G1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-11-01T08:00:00Z', 'Beratungsangebot gestartet'),

    ('G2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('G2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-01-13T08:00:00Z', 'Erste Lotsinnen und Lotsen geschult'),
    ('G2', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2022-05-02T08:00:00Z', 'Auswertung und Verstetigung in Arbeit'),

    ('G3', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('G3', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-08-05T08:00:00Z', 'Veranstaltungsreihe gestartet'),
    ('G3', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2020-06-15T08:00:00Z', 'Letzte Veranstaltungen durchgeführt'),
    ('G3', 'FINALISATION', 'CLOSED', TIMESTAMPTZ '2020-08-03T08:00:00Z', 'Vorhaben abgeschlossen'),

    ('P1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('P1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-09-09T08:00:00Z', 'Erster Fachaustausch durchgeführt'),

    ('P2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('P2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-03-02T08:00:00Z', 'Beratungsangebot gestartet'),

    ('Q1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('Q1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-10-01T08:00:00Z', 'Erste Stadtteilrunden durchgeführt'),

    ('Q2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('Q2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2020-02-03T08:00:00Z', 'Erste Treffpunkte eröffnet'),
    ('Q2', 'IMPLEMENTATION', 'SUSPENDED', TIMESTAMPTZ '2020-11-02T08:00:00Z', 'Kontaktbeschränkungen wegen der Pandemie'),
    ('Q2', 'SUSPENDED', 'IMPLEMENTATION', TIMESTAMPTZ '2021-06-01T08:00:00Z', 'Treffpunkte wieder geöffnet'),

    ('C1', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('C1', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-07-08T08:00:00Z', 'Indikatoren festgelegt'),

    ('C2', NULL, 'PIPELINE', TIMESTAMPTZ '2019-07-05T00:00:00Z', 'Demo-Daten'),
    ('C2', 'PIPELINE', 'IMPLEMENTATION', TIMESTAMPTZ '2019-07-08T08:00:00Z', 'Entwurf der Förderrichtlinie begonnen'),
    ('C2', 'IMPLEMENTATION', 'FINALISATION', TIMESTAMPTZ '2022-02-01T08:00:00Z', 'Förderrichtlinie beschlossen, Evaluation läuft')
) AS v (measure, from_status, to_status, changed_at, reason);
