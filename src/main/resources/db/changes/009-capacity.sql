--liquibase formatted sql

--changeset fachplan:009-accommodation-facility
CREATE TABLE accommodation_facility (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code                     varchar(32)  NOT NULL UNIQUE,
    name                     varchar(200) COLLATE german NOT NULL,
    type                     varchar(30)  NOT NULL
        CHECK (type IN ('SHARED_ACCOMMODATION', 'MUNICIPAL_FLAT', 'EMERGENCY_SHELTER')),
    district_id              uuid         NOT NULL REFERENCES district (id),
    operator_organisation_id uuid         NOT NULL REFERENCES organisation (id),
    street_address           varchar(200) NOT NULL,
    postal_code              varchar(5),
    planned_places           integer      NOT NULL CHECK (planned_places >= 0),
    state                    varchar(10)  NOT NULL CHECK (state IN ('ACTIVE', 'RESERVE', 'CLOSED')),
    opened_on                date,
    closed_on                date,
    illustrative             boolean      NOT NULL DEFAULT false,
    version                  bigint       NOT NULL DEFAULT 1,
    created_at               timestamptz  NOT NULL DEFAULT now(),
    updated_at               timestamptz  NOT NULL DEFAULT now(),
    CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX accommodation_facility_district ON accommodation_facility (district_id);
CREATE INDEX accommodation_facility_operator ON accommodation_facility (operator_organisation_id);

--changeset fachplan:009-capacity-record
-- One month of a facility's ledger. The state is the facility's state in that month, so that the
-- history of activating and reserving stays readable after the facility's current state changed.
CREATE TABLE capacity_record (
    facility_id      uuid        NOT NULL REFERENCES accommodation_facility (id),
    month            date        NOT NULL CHECK (extract(day FROM month) = 1),
    state            varchar(10) NOT NULL CHECK (state IN ('ACTIVE', 'RESERVE')),
    places_available integer     NOT NULL CHECK (places_available >= 0),
    places_blocked   integer     NOT NULL CHECK (places_blocked >= 0),
    persons_housed   integer     NOT NULL CHECK (persons_housed >= 0),
    override_reason  varchar(1000),
    version          bigint      NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (facility_id, month)
);
CREATE INDEX capacity_record_month ON capacity_record (month);

--changeset fachplan:009-citywide-figure
-- Figures for a whole city (or one of its districts or facility types) where no facility detail
-- exists; the historic ones are yearly, half-yearly or quarterly. period_start and period_end are
-- the first days of the period's first and last month.
CREATE TABLE citywide_figure (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality   varchar(100) NOT NULL,
    period         varchar(7)   NOT NULL,
    granularity    varchar(10)  NOT NULL CHECK (granularity IN ('YEAR', 'HALF_YEAR', 'QUARTER', 'MONTH')),
    period_start   date         NOT NULL,
    period_end     date         NOT NULL,
    district_id    uuid REFERENCES district (id),
    facility_type  varchar(30)
        CHECK (facility_type IN ('SHARED_ACCOMMODATION', 'MUNICIPAL_FLAT', 'EMERGENCY_SHELTER')),
    allocations    integer CHECK (allocations >= 0),
    departures     integer CHECK (departures >= 0),
    persons_housed integer CHECK (persons_housed >= 0),
    places         integer CHECK (places >= 0),
    source         varchar(500),
    version        bigint       NOT NULL DEFAULT 1,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(allocations, departures, persons_housed, places) > 0),
    CONSTRAINT citywide_figure_key UNIQUE NULLS NOT DISTINCT (municipality, period, district_id, facility_type)
);
CREATE INDEX citywide_figure_period ON citywide_figure (municipality, period_end);

--changeset fachplan:009-forecast-scenario
-- Versions are rows that are never updated: "what did we forecast in March 2019" stays answerable.
CREATE TABLE forecast_scenario (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id             uuid          NOT NULL REFERENCES plan (id),
    code                varchar(64)   NOT NULL,
    version             integer       NOT NULL CHECK (version >= 1),
    name                varchar(200)  NOT NULL,
    description         varchar(2000),
    monthly_allocations numeric(12,4) NOT NULL CHECK (monthly_allocations >= 0),
    departure_rate      numeric(9,8)  NOT NULL CHECK (departure_rate BETWEEN 0 AND 1),
    target_occupancy    numeric(9,8)  NOT NULL CHECK (target_occupancy > 0 AND target_occupancy <= 1),
    reserve_share       numeric(10,8) NOT NULL CHECK (reserve_share BETWEEN 0 AND 5),
    issued_on           date          NOT NULL,
    illustrative        boolean       NOT NULL DEFAULT false,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    created_by          varchar(200),
    UNIQUE (plan_id, code, version)
);

--changeset fachplan:009-dresden-public-figures context:reference
-- Public figures of the city of Dresden and the local press, 2017-2019 (see DOMAIN.md).
INSERT INTO citywide_figure (municipality, period, granularity, period_start, period_end, district_id,
                             facility_type, allocations, persons_housed, source, created_at, updated_at)
SELECT 'Dresden', v.period, v.granularity, v.period_start, v.period_end,
       (SELECT d.id FROM district d WHERE d.code = v.district), v.facility_type, v.allocations, v.persons_housed,
       'Landeshauptstadt Dresden, Sozialamt; local press (public figures 2017-2019)',
       TIMESTAMPTZ '2019-07-05T00:00:00Z', TIMESTAMPTZ '2019-07-05T00:00:00Z'
FROM (VALUES
    ('2016',    'YEAR',      DATE '2016-01-01', DATE '2016-12-01', NULL, NULL, 1839, NULL),
    ('2016-H1', 'HALF_YEAR', DATE '2016-01-01', DATE '2016-06-01', NULL, NULL, 1269, NULL),
    ('2017',    'YEAR',      DATE '2017-01-01', DATE '2017-12-01', NULL, NULL, 788, NULL),
    ('2017-H1', 'HALF_YEAR', DATE '2017-01-01', DATE '2017-06-01', NULL, NULL, 389, NULL),
    ('2017-06', 'MONTH',     DATE '2017-06-01', DATE '2017-06-01', NULL, NULL, 57, NULL),
    ('2018',    'YEAR',      DATE '2018-01-01', DATE '2018-12-01', NULL, NULL, 821, NULL),
    ('2019-Q1', 'QUARTER',   DATE '2019-01-01', DATE '2019-03-01', NULL, NULL, 208, NULL),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', NULL, NULL, NULL, 2718),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', NULL, 'MUNICIPAL_FLAT', NULL, 1854),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', NULL, 'SHARED_ACCOMMODATION', NULL, 864),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', 'COTTA', NULL, NULL, 752),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', 'PROHLIS', NULL, NULL, 713),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', 'PLAUEN', NULL, NULL, 268),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', 'ALTSTADT', NULL, NULL, 262),
    ('2019-03', 'MONTH',     DATE '2019-03-01', DATE '2019-03-01', 'NEUSTADT', NULL, NULL, 251)
) AS v (period, granularity, period_start, period_end, district, facility_type, allocations, persons_housed);

--changeset fachplan:009-stable-allocation-scenario context:reference
INSERT INTO forecast_scenario (plan_id, code, version, name, description, monthly_allocations, departure_rate,
                               target_occupancy, reserve_share, issued_on, illustrative, created_at, created_by)
SELECT p.id, 'STABLE_ALLOCATION', 1, 'Stabile Zuweisung',
       'The city''s 2019 forecast of stable allocation: about 70 persons a month (208 in the first quarter'
       || ' of 2019). Departure rate, target occupancy and reserve share are illustrative assumptions.',
       70, 0.025, 0.85, 0.10, DATE '2019-07-05', true, TIMESTAMPTZ '2019-07-05T00:00:00Z', 'system'
FROM plan p WHERE p.code = 'DD-FAI-2022';
