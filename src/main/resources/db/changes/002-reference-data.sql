--liquibase formatted sql

--changeset fachplan:002-plan-dresden-2022 context:reference
-- The adopted plan: council submission V2927/19, adopted by Dresden's city council on 5 July 2019.
INSERT INTO plan (code, title, municipality, issuing_authority, council_reference, adopted_on, valid_from, valid_to)
VALUES ('DD-FAI-2022', 'Fachplan Asyl und Integration 2022', 'Dresden', 'Sozialamt', 'V2927/19',
        DATE '2019-07-05', DATE '2019-07-05', DATE '2022-12-31');

--changeset fachplan:002-action-fields-dresden-2022 context:reference
INSERT INTO action_field (plan_id, code, name_de, name_en, position)
SELECT p.id, f.code, f.name_de, f.name_en, f.position
FROM plan p,
     (VALUES ('M', 'Migrationssozialarbeit', 'Migration social work', 1),
             ('R', 'Regelangebote', 'Mainstream services', 2),
             ('B', 'Bürgerschaftliches Engagement', 'Civic engagement and volunteering', 3),
             ('W', 'Unterbringung und Wohnen', 'Accommodation and housing', 4),
             ('S', 'Sprache und Verständigung', 'Language and communication', 5),
             ('F', 'Bildung und Freizeit', 'Education and leisure', 6),
             ('G', 'Gesundheit', 'Health', 7),
             ('P', 'Partizipation', 'Participation', 8),
             ('Q', 'Sozialraumentwicklung als Querschnittsaufgabe', 'District development as a cross-cutting task', 9),
             ('C', 'Controlling und Förderung', 'Controlling and funding', 10)) AS f (code, name_de, name_en, position)
WHERE p.code = 'DD-FAI-2022';

--changeset fachplan:002-guidelines-dresden-2022 context:reference
INSERT INTO guideline (plan_id, code, title_de, title_en, position)
SELECT p.id, g.code, g.title_de, g.title_en, g.position
FROM plan p,
     (VALUES ('L1', 'Integration von Anfang an – zeitlich begrenzt oder auf Dauer',
                    'Integration from day one – temporary or permanent', 1),
             ('L2', 'Teilhabe durch Beteiligung – Wirksamkeit durch Personen- und Bedarfsorientierung',
                    'Participation through involvement – effectiveness through orientation on persons and needs', 2),
             ('L3', 'Zusammenhalt unterstützen – Stadtteile sowie Bürgerinnen und Bürger im Blick',
                    'Support cohesion – keep districts and citizens in view', 3)) AS g (code, title_de, title_en, position)
WHERE p.code = 'DD-FAI-2022';

--changeset fachplan:002-target-groups context:reference
-- The plan distinguishes people by residence status (guideline 1) and names groups with particular needs.
INSERT INTO target_group (code, category, name_de, name_en) VALUES
    ('ASYLUM_SEEKERS', 'ASYLUM_PROCEDURE', 'Asylsuchende im laufenden Verfahren', 'Asylum seekers with a running procedure'),
    ('RECOGNISED_REFUGEES', 'PROTECTION_GRANTED', 'Anerkannte Flüchtlinge', 'Recognised refugees'),
    ('SUBSIDIARY_PROTECTION', 'PROTECTION_GRANTED', 'Subsidiär Schutzberechtigte', 'Persons with subsidiary protection'),
    ('DEPORTATION_BAN', 'PROTECTION_GRANTED', 'Personen mit Abschiebungsverbot', 'Persons with a ban on deportation'),
    ('QUOTA_AND_RESETTLEMENT_REFUGEES', 'PROTECTION_GRANTED', 'Kontingent- und Resettlement-Flüchtlinge', 'Quota and resettlement refugees'),
    ('TOLERATED_PERSONS', 'TOLERATED_OR_OBLIGED_TO_LEAVE', 'Geduldete', 'Tolerated persons'),
    ('PERSONS_OBLIGED_TO_LEAVE', 'TOLERATED_OR_OBLIGED_TO_LEAVE', 'Ausreisepflichtige', 'Persons obliged to leave'),
    ('UNACCOMPANIED_MINORS', 'PARTICULAR_NEEDS', 'Unbegleitete minderjährige Ausländerinnen und Ausländer', 'Unaccompanied minors'),
    ('FAMILIES_WITH_CHILDREN', 'PARTICULAR_NEEDS', 'Familien mit Kindern', 'Families with children'),
    ('WOMEN', 'PARTICULAR_NEEDS', 'Frauen', 'Women'),
    ('PEOPLE_WITH_DISABILITIES', 'PARTICULAR_NEEDS', 'Menschen mit Behinderungen', 'People with disabilities'),
    ('TRAUMATISED_PEOPLE', 'PARTICULAR_NEEDS', 'Traumatisierte Menschen', 'Traumatised people');

--changeset fachplan:002-districts-dresden context:reference
INSERT INTO district (code, name, kind, municipality) VALUES
    ('ALTSTADT', 'Altstadt', 'CITY_DISTRICT', 'Dresden'),
    ('NEUSTADT', 'Neustadt', 'CITY_DISTRICT', 'Dresden'),
    ('PIESCHEN', 'Pieschen', 'CITY_DISTRICT', 'Dresden'),
    ('KLOTZSCHE', 'Klotzsche', 'CITY_DISTRICT', 'Dresden'),
    ('LOSCHWITZ', 'Loschwitz', 'CITY_DISTRICT', 'Dresden'),
    ('BLASEWITZ', 'Blasewitz', 'CITY_DISTRICT', 'Dresden'),
    ('LEUBEN', 'Leuben', 'CITY_DISTRICT', 'Dresden'),
    ('PROHLIS', 'Prohlis', 'CITY_DISTRICT', 'Dresden'),
    ('PLAUEN', 'Plauen', 'CITY_DISTRICT', 'Dresden'),
    ('COTTA', 'Cotta', 'CITY_DISTRICT', 'Dresden'),
    ('ALTFRANKEN', 'Altfranken', 'LOCALITY', 'Dresden'),
    ('COSSEBAUDE', 'Cossebaude', 'LOCALITY', 'Dresden'),
    ('GOMPITZ', 'Gompitz', 'LOCALITY', 'Dresden'),
    ('LANGEBRUECK', 'Langebrück', 'LOCALITY', 'Dresden'),
    ('MOBSCHATZ', 'Mobschatz', 'LOCALITY', 'Dresden'),
    ('OBERWARTHA', 'Oberwartha', 'LOCALITY', 'Dresden'),
    ('SCHOENBORN', 'Schönborn', 'LOCALITY', 'Dresden'),
    ('SCHOENFELD_WEISSIG', 'Schönfeld-Weißig', 'LOCALITY', 'Dresden'),
    ('WEIXDORF', 'Weixdorf', 'LOCALITY', 'Dresden');

--changeset fachplan:002-organisation-sozialamt context:reference
INSERT INTO organisation (name, short_name, type, website, illustrative)
VALUES ('Landeshauptstadt Dresden, Sozialamt', 'Sozialamt', 'CITY_UNIT', 'https://www.dresden.de/asyl', false);
