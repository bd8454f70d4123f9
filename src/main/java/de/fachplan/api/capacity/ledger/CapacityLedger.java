package de.fachplan.api.capacity.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.capacity.facilities.AccommodationFacility;
import de.fachplan.api.capacity.facilities.FacilityService;
import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory.Audience;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.time.Period;

/**
 * The monthly capacity ledger of the facilities (Belegungs- und Kapazitätsmeldungen), with its
 * plausibility rules.
 */
@ApplicationScoped
public class CapacityLedger {

    @Inject
    EntityManager em;

    @Inject
    FacilityService facilities;

    @Inject
    WriteHistory history;

    /** The figures of a facility's month as a client sends them. */
    public record Figures(Integer placesAvailable, Integer placesBlocked, Integer personsHoused, FacilityState state,
            String overrideReason) {
    }

    /** A page of a facility's months, with the facility they belong to. */
    public record Months(AccommodationFacility facility, Page<CapacityRecord> page) {
    }

    /** A stored month and the facility it belongs to. */
    public record Month(AccommodationFacility facility, CapacityRecord record) {
    }

    /** A stored record, the facility it belongs to, and whether the write created it. */
    public record Written(CapacityRecord record, AccommodationFacility facility, boolean created) {
    }

    /** The plausibility rules; the names are part of the contract (in each problem's detail). */
    enum Rule {
        NOT_NEGATIVE(false), HOUSED_WITHIN_AVAILABLE(true), BLOCKED_WITHIN_PLANNED(true), NOT_AFTER_CLOSING(true),
        NOT_BEFORE_OPENING(true);

        final boolean overridable;

        Rule(boolean overridable) {
            this.overridable = overridable;
        }
    }

    /** A broken rule: which member it concerns and why. */
    record Breach(Rule rule, String pointer, String detail) {
        FieldError asError() {
            return new FieldError(pointer, rule.name() + ": " + detail);
        }
    }

    @Transactional
    public Months list(String facilityRef, YearMonth from, YearMonth to, PageRequest page) {
        AccommodationFacility facility = facilities.visible(facilityRef);
        KeysetQuery query = new KeysetQuery("capacity_record r", "to_char(r.month, 'YYYY-MM')")
                .where("r.facility_id = :facility", "facility", facility.id);
        if (from != null) {
            query.where("r.month >= :from", "from", from.atDay(1));
        }
        if (to != null) {
            query.where("r.month <= :to", "to", to.atDay(1));
        }
        Page<String> months = query.fetchKeys(em, page);
        List<LocalDate> firstDays = months.items().stream().map(m -> YearMonth.parse(m).atDay(1)).toList();
        List<CapacityRecord> records = firstDays.isEmpty() ? List.of()
                : CapacityRecord.list("facilityId = ?1 and month in ?2 order by month", facility.id, firstDays);
        return new Months(facility, new Page<>(records, months.nextCursor()));
    }

    @Transactional
    public Month get(String facilityRef, YearMonth month) {
        AccommodationFacility facility = facilities.visible(facilityRef);
        return new Month(facility, find(facility, month).orElseThrow(() -> ProblemException.notFound(
                "No capacity record of " + facility.code + " for " + month + ".")));
    }

    /**
     * Creates or replaces a month. {@code ifMatch} guards a replacement; {@code mustBeNew}
     * ({@code If-None-Match: *}) a creation; a batch item without either takes whatever is stored.
     */
    @Transactional
    public Written put(String facilityRef, YearMonth month, Figures figures, String ifMatch, boolean mustBeNew) {
        if (month.getYear() < Period.FIRST_YEAR || month.getYear() > Period.LAST_YEAR) {
            throw ProblemException.invalid(List.of(new FieldError("/month",
                    "must be a month of a year from " + Period.FIRST_YEAR + " to " + Period.LAST_YEAR)));
        }
        AccommodationFacility facility = facilities.visible(facilityRef);
        ETags.requireWellFormed(ifMatch);
        CapacityRecord record = find(facility, month).orElse(null);
        if (record != null && sameAs(record, figures)) {
            return new Written(record, facility, false);
        }
        if (record != null && mustBeNew) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The month " + month + " is recorded already; change it with its ETag in If-Match.");
        }
        if (record == null && ifMatch != null && !ifMatch.equals("*")) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The month " + month + " has no record yet; create it with If-None-Match: *.");
        }
        if (record != null && ifMatch != null) {
            ETags.requireMatch(ifMatch, record.version);
        }
        check(facility, month, figures);
        boolean created = record == null;
        var before = created ? Map.<String, Object>of() : history.snapshot(LedgerMapper.toDto(record, facility.code));
        if (created) {
            record = new CapacityRecord();
            record.facilityId = facility.id;
            record.month = month.atDay(1);
        }
        record.placesAvailable = figures.placesAvailable();
        record.placesBlocked = figures.placesBlocked();
        record.personsHoused = figures.personsHoused();
        record.state = figures.state() != null ? figures.state()
                : facility.state == FacilityState.RESERVE ? FacilityState.RESERVE : FacilityState.ACTIVE;
        record.overrideReason = figures.overrideReason();
        if (created) {
            record.persistAndFlush();
        } else {
            em.flush();
        }
        String code = facility.code + "/" + month;
        var after = history.snapshot(LedgerMapper.toDto(record, facility.code));
        Audience audience = new Audience(false, Set.of(facility.operatorOrganisationId));
        if (created) {
            history.created(ResourceType.CAPACITY_RECORD, facility.id, code, record.version, after, audience);
        } else {
            history.updated(ResourceType.CAPACITY_RECORD, facility.id, code, record.version, before, after, audience);
        }
        return new Written(record, facility, created);
    }

    /**
     * A write of the figures already stored changes nothing and overwrites no one, so it succeeds
     * whatever its precondition says: a script that retries a PUT whose answer it lost gets a 200,
     * not a 412 for the version its own first attempt made.
     */
    private static boolean sameAs(CapacityRecord record, Figures figures) {
        return Objects.equals(record.placesAvailable, figures.placesAvailable())
                && Objects.equals(record.placesBlocked, figures.placesBlocked())
                && Objects.equals(record.personsHoused, figures.personsHoused())
                && (figures.state() == null || figures.state() == record.state)
                && Objects.equals(record.overrideReason, figures.overrideReason());
    }

    /** A facility the caller may see and its stored version of a month (null: none), for naming a failed item. */
    public record Seen(AccommodationFacility facility, Long version) {
    }

    @Transactional
    public Optional<Seen> seen(String facilityRef, YearMonth month) {
        return facilities.seen(facilityRef)
                .map(f -> new Seen(f, find(f, month).map(record -> record.version).orElse(null)));
    }

    private static Optional<CapacityRecord> find(AccommodationFacility facility, YearMonth month) {
        return CapacityRecord.findByIdOptional(new CapacityRecord.Key(facility.id, month.atDay(1)));
    }

    private static void check(AccommodationFacility facility, YearMonth month, Figures figures) {
        List<FieldError> errors = new ArrayList<>();
        if (figures.placesAvailable() == null) {
            errors.add(new FieldError("/placesAvailable", "is required"));
        }
        if (figures.placesBlocked() == null) {
            errors.add(new FieldError("/placesBlocked", "is required"));
        }
        if (figures.personsHoused() == null) {
            errors.add(new FieldError("/personsHoused", "is required"));
        }
        if (figures.state() == FacilityState.CLOSED) {
            errors.add(new FieldError("/state", "a month's state is ACTIVE or RESERVE; close the facility itself"));
        }
        if (figures.overrideReason() != null) {
            FieldChecks.length(errors, "/overrideReason", figures.overrideReason().strip(), 10, 1000);
        }
        FieldChecks.throwIfAny(errors);
        List<Breach> breaches = breaches(facility, month, figures);
        boolean overridden = figures.overrideReason() != null;
        List<Breach> binding = breaches.stream().filter(b -> !overridden || !b.rule().overridable).toList();
        if (!binding.isEmpty()) {
            List<FieldError> details = binding.stream().map(Breach::asError).toList();
            throw new ProblemException(ProblemType.IMPLAUSIBLE_FIGURES, details.size() == 1
                    ? details.get(0).detail()
                    : "The figures break " + details.size() + " plausibility rules.", details);
        }
    }

    static List<Breach> breaches(AccommodationFacility facility, YearMonth month, Figures figures) {
        List<Breach> breaches = new ArrayList<>();
        notNegative(breaches, "/placesAvailable", figures.placesAvailable());
        notNegative(breaches, "/placesBlocked", figures.placesBlocked());
        notNegative(breaches, "/personsHoused", figures.personsHoused());
        if (figures.personsHoused() > figures.placesAvailable()) {
            breaches.add(new Breach(Rule.HOUSED_WITHIN_AVAILABLE, "/personsHoused", "persons housed ("
                    + figures.personsHoused() + ") exceed places available (" + figures.placesAvailable() + ")"));
        }
        if (figures.placesBlocked() > facility.plannedPlaces) {
            breaches.add(new Breach(Rule.BLOCKED_WITHIN_PLANNED, "/placesBlocked", "places blocked ("
                    + figures.placesBlocked() + ") exceed the facility's planned places (" + facility.plannedPlaces + ")"));
        }
        if (facility.closedOn != null && month.isAfter(YearMonth.from(facility.closedOn))) {
            breaches.add(new Breach(Rule.NOT_AFTER_CLOSING, "/month",
                    "the facility closed on " + facility.closedOn + ", before " + month));
        }
        if (facility.openedOn != null && month.isBefore(YearMonth.from(facility.openedOn))) {
            breaches.add(new Breach(Rule.NOT_BEFORE_OPENING, "/month",
                    "the facility opened on " + facility.openedOn + ", after " + month));
        }
        return breaches;
    }

    private static void notNegative(List<Breach> breaches, String pointer, int value) {
        if (value < 0) {
            breaches.add(new Breach(Rule.NOT_NEGATIVE, pointer, "must not be negative, was " + value));
        }
    }
}
