package de.fachplan.api.capacity.facilities;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory.Audience;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.organisations.Organisation;

/**
 * Accommodation facilities. Who may see one is decided here, on every object: staff see all, a
 * partner only those its organisation operates; to anyone else a facility does not exist (404),
 * so that not even its code leaks.
 */
@ApplicationScoped
public class FacilityService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    WriteHistory history;

    @Transactional
    public Page<AccommodationFacility> list(FacilityState state, String district, OffsetDateTime modifiedSince,
            PageRequest page) {
        KeysetQuery query = new KeysetQuery("accommodation_facility f", "f.id");
        UUID scope = caller.partnerScope();
        if (scope != null) {
            query.where("f.operator_organisation_id = :operator", "operator", scope);
        }
        if (state != null) {
            query.where("f.state = :state", "state", state.name());
        }
        if (district != null) {
            query.where("f.district_id IN (SELECT d.id FROM district d WHERE d.code = :district)", "district", district);
        }
        if (modifiedSince != null) {
            query.where("f.updated_at >= :since", "since", modifiedSince);
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.asc("f.code", ValueKind.TEXT))).fetch(em, page);
        return new Page<>(Entities.inOrder(AccommodationFacility.list("id in ?1", ids.items()), ids.items(),
                f -> f.id), ids.nextCursor());
    }

    /** The facility named by code or id, if the caller may see it; else a 404 that says no more. */
    @Transactional
    public AccommodationFacility visible(String ref) {
        return seen(ref).orElseThrow(() -> ProblemException.notFound("No accommodation facility " + ref + "."));
    }

    /** The facility named by code or id, or empty if it does not exist or the caller may not see it. */
    @Transactional
    public Optional<AccommodationFacility> seen(String ref) {
        Optional<AccommodationFacility> facility = Refs.asUuid(ref)
                .flatMap(id -> AccommodationFacility.<AccommodationFacility>findByIdOptional(id))
                .or(() -> AccommodationFacility.<AccommodationFacility>find("code", ref).firstResultOptional());
        UUID scope = caller.partnerScope();
        return facility.filter(f -> scope == null || scope.equals(f.operatorOrganisationId));
    }

    @Transactional
    public AccommodationFacility create(FacilityChange change) {
        if (AccommodationFacility.count("code", change.code()) > 0) {
            throw ProblemException.conflict("An accommodation facility with code " + change.code() + " exists already.");
        }
        AccommodationFacility facility = new AccommodationFacility();
        facility.code = change.code();
        facility.state = FacilityState.ACTIVE;
        apply(facility, change);
        facility.persistAndFlush();
        history.created(ResourceType.ACCOMMODATION_FACILITY, facility.id, facility.code, facility.version,
                history.snapshot(FacilityMapper.toDto(facility)), audience(facility.operatorOrganisationId));
        return facility;
    }

    @Transactional
    public AccommodationFacility update(String ref, String ifMatch, FacilityChange change) {
        AccommodationFacility facility = visible(ref);
        ETags.requireMatch(ifMatch, facility.version);
        var before = history.snapshot(FacilityMapper.toDto(facility));
        UUID operatorBefore = facility.operatorOrganisationId;
        apply(facility, change);
        em.flush();
        history.updated(ResourceType.ACCOMMODATION_FACILITY, facility.id, facility.code, facility.version, before,
                history.snapshot(FacilityMapper.toDto(facility)),
                audience(operatorBefore, facility.operatorOrganisationId));
        return facility;
    }

    /** Facilities are never public: the feed shows their changes to staff and their operators only. */
    private static Audience audience(UUID... operators) {
        return new Audience(false, new HashSet<>(Arrays.asList(operators)));
    }

    private void apply(AccommodationFacility facility, FacilityChange change) {
        List<FieldError> errors = new ArrayList<>();
        change.postalCode().ifSet(v -> {
            if (!v.matches("[0-9]{5}")) {
                errors.add(new FieldError("/postalCode", "must be five digits"));
            }
        });
        District district = null;
        if (change.district() != null) {
            district = District.<District>find("code", change.district()).firstResultOptional().orElse(null);
            if (district == null) {
                errors.add(new FieldError("/district", "no district " + change.district()));
            }
        }
        if (change.operator() != null && Organisation.findById(change.operator()) == null) {
            errors.add(new FieldError("/operatorOrganisationId", "no organisation " + change.operator()));
        }
        FieldChecks.throwIfAny(errors);
        if (change.name() != null) {
            facility.name = change.name();
        }
        if (change.type() != null) {
            facility.type = change.type();
        }
        if (district != null) {
            facility.district = district;
        }
        if (change.operator() != null) {
            facility.operatorOrganisationId = change.operator();
        }
        if (change.streetAddress() != null) {
            facility.streetAddress = change.streetAddress();
        }
        facility.postalCode = change.postalCode().applyTo(facility.postalCode);
        if (change.plannedPlaces() != null) {
            facility.plannedPlaces = change.plannedPlaces();
        }
        if (change.state() != null) {
            facility.state = change.state();
        }
        facility.openedOn = change.openedOn().applyTo(facility.openedOn);
        facility.closedOn = change.closedOn().applyTo(facility.closedOn);
        if (change.illustrative() != null) {
            facility.illustrative = change.illustrative();
        }
        checkDates(facility);
    }

    private static void checkDates(AccommodationFacility facility) {
        List<FieldError> errors = new ArrayList<>();
        if (facility.state == FacilityState.CLOSED && facility.closedOn == null) {
            errors.add(new FieldError("/closedOn", "a closed facility needs its closing date"));
        }
        if (facility.openedOn != null && facility.closedOn != null && facility.closedOn.isBefore(facility.openedOn)) {
            errors.add(new FieldError("/closedOn", "must not be before openedOn"));
        }
        FieldChecks.throwIfAny(errors);
    }
}
