--liquibase formatted sql

--changeset fachplan:030-german-search splitStatements:false
-- German search that finds inflected, compounded, ASCII-spelled and mistyped words (issue 12).
-- The Snowball stemmer alone gives different stems for singular and plural (Sprachkurs ->
-- sprachkur, Sprachkurse -> sprachkurs) and knows neither umlauts spelled as ae/oe/ue nor words
-- inside compounds. Text and query are therefore folded alike (lower case, unaccent: ü -> u,
-- ß -> ss; then ae/oe/ue -> a/o/u, so Mütter and Muetter meet), and a word matches by stem,
-- by stem prefix or by trigram word similarity (pg_trgm) to the folded text. unaccent and
-- pg_trgm are contrib extensions that stock PostgreSQL and the embedded binaries ship, and both
-- are trusted: the database owner may create them. The folded title ranks exact title matches
-- first without folding every row's title per search.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A generated column needs an immutable function; unaccent(text) is only stable because it
-- looks its dictionary up by search_path, so the dictionary is named with the schema the
-- extension lives in.
DO $$
DECLARE
    s text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'unaccent');
BEGIN
    EXECUTE format('CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE'
        || ' AS %L', format('SELECT replace(replace(replace(%I.unaccent(%L::regdictionary, lower(t)),'
            || ' ''ae'', ''a''), ''oe'', ''o''), ''ue'', ''u'')', s, quote_ident(s) || '.unaccent'));
END
$$;

ALTER TABLE measure DROP COLUMN search_vector;
ALTER TABLE measure ADD COLUMN search_text text GENERATED ALWAYS AS (
    search_fold(coalesce(title, '') || ' ' || coalesce(description, ''))) STORED;
ALTER TABLE measure ADD COLUMN search_title text GENERATED ALWAYS AS (search_fold(title)) STORED;
ALTER TABLE measure ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('german'::regconfig, search_fold(coalesce(title, '') || ' ' || coalesce(description, '')))) STORED;
CREATE INDEX measure_search ON measure USING gin (search_vector);
CREATE INDEX measure_search_trigrams ON measure USING gin (search_text gin_trgm_ops);
