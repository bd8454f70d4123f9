--liquibase formatted sql

--changeset fachplan:031-published-figures
-- A city-wide figure is either published by the city (council documents, press releases: public,
-- read anonymously and shown per district as published) or internal (staff only). Nothing is
-- published unless someone says so.
ALTER TABLE citywide_figure ADD COLUMN published boolean NOT NULL DEFAULT false;
ALTER TABLE citywide_figure ADD CONSTRAINT citywide_figure_published_source
    CHECK (NOT published OR source IS NOT NULL);

-- The scenario a chart uses when a caller names none.
ALTER TABLE plan ADD COLUMN reference_scenario varchar(64);

--changeset fachplan:031-dresden-figures-published context:reference
-- The figures of changeset 009 are the city's and the local press's public figures (DOMAIN.md):
-- 1,839 allocations in 2016, 788 in 2017, 821 in 2018, 2,718 persons housed in March 2019 and
-- the per-district counts of that month.
UPDATE citywide_figure SET published = true
WHERE municipality = 'Dresden'
  AND source = 'Landeshauptstadt Dresden, Sozialamt; local press (public figures 2017-2019)';

UPDATE plan SET reference_scenario = 'STABLE_ALLOCATION' WHERE code = 'DD-FAI-2022';
