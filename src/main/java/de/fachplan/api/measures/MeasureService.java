package de.fachplan.api.measures;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import de.fachplan.api.catalogue.ActionField;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.ReadScope;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.organisations.OrganisationRenamed;

/** The rules of measures: numbering, references, periods and the status life cycle. */
@ApplicationScoped
public class MeasureService {

    /** A measure with its plan, action field and lead organisation, in one statement. */
    private static final String WITH_PARENTS = "select m from Measure m join fetch m.plan join fetch m.actionField"
            + " left join fetch m.leadOrganisation";

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    MeasureSearch search;

    @Inject
    WriteHistory history;

    @Inject
    Caller caller;

    @Inject
    Event<MeasureChanged> changed;

    /** How the current caller sees measures. */
    Viewer viewer() {
        ReadScope scope = caller.readScope();
        return new Viewer(scope.staff(), scope.partnerOrganisation());
    }

    /**
     * A page of measures as the caller sees them, read in one statement without a transaction
     * or an entity: the most-called path of the service. An unknown plan is a 404, not an empty
     * page, so the plan is looked up only when nothing was found.
     */
    public Page<MeasureDto> list(MeasureFilter filter, PageRequest page) {
        Page<MeasureDto> found = search.list(filter, page, viewer());
        if (found.items().isEmpty()) {
            plans.resolve(filter.plan());
        }
        return found;
    }

    /** One measure as the caller sees it, read like {@link #list}. */
    public MeasureDto get(String ref, String planRef) {
        return search.one(ref, planRef, viewer()).orElseThrow(() -> {
            if (!ref.startsWith(MeasureSearch.EXTERNAL_PREFIX) && Refs.asUuid(ref).isEmpty()) {
                plans.resolve(planRef);
            }
            return ProblemException.notFound("No measure " + ref + (planRef == null ? "" : " in plan " + planRef) + ".");
        });
    }

    /** One measure as the caller sees it, or empty if it does not exist or is hidden from the caller. */
    public Optional<MeasureDto> visible(String ref, String planRef) {
        return search.one(ref, planRef, viewer());
    }

    @Transactional
    public Page<StatusChange> history(String ref, String planRef, PageRequest page) {
        Measure measure = find(ref, planRef, viewer());
        Page<UUID> ids = new KeysetQuery("measure_status_change c", "c.id")
                .where("c.measure_id = :measure", "measure", measure.id)
                .orderBy(List.of(SortColumn.asc("c.changed_at", ValueKind.TIMESTAMP)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(StatusChange.list("id in ?1", ids.items()), ids.items(), c -> c.id),
                ids.nextCursor());
    }

    @Transactional
    public Measure create(MeasureChange change, String changedBy) {
        Plan plan = plans.resolveMember(change.plan(), "/plan");
        List<FieldError> errors = new ArrayList<>();
        // Numbers are per action field; locking the field's row serialises concurrent creates in it.
        ActionField field = ActionField.<ActionField>find("plan = ?1 and code = ?2", plan, change.actionField())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (field == null) {
            errors.add(new FieldError("/actionField", "unknown action field " + change.actionField() + " in plan "
                    + plan.code));
        }
        Integer number = null;
        if (change.code() != null) {
            if (field != null && !change.code().startsWith(field.code)) {
                errors.add(new FieldError("/code", "must start with the action field's letter " + field.code));
            } else {
                number = Integer.valueOf(change.code().substring(1));
            }
        }
        Measure measure = new Measure();
        measure.plan = plan;
        measure.status = change.status() == null ? MeasureStatus.PIPELINE : change.status();
        measure.progress = 0;
        measure.illustrative = Boolean.TRUE.equals(change.illustrative());
        MeasureMembers.apply(measure, plan, change, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (number == null) {
            number = field.takeNumber();
        } else if (Measure.count("plan = ?1 and code = ?2", plan, change.code()) > 0) {
            throw ProblemException.conflict("Measure " + change.code() + " exists already in plan " + plan.code + ".");
        } else {
            field.reserve(number);
        }
        measure.actionField = field;
        measure.number = number;
        measure.code = field.code + number;
        OffsetDateTime now = Timestamps.now();
        measure.createdAt = now;
        measure.updatedAt = now;
        measure.persist();
        StatusChange first = measure.record(null, measure.status, change.statusReason(), changedBy, now);
        first.changedByRole = caller.role();
        first.persist();
        em.flush();
        loadRelations(measure);
        history.created(ResourceType.MEASURE, measure.id, measure.code, measure.version, snapshot(measure),
                audience(measure));
        changed.fire(MeasureChanged.of(Set.of("measure.created"), measure));
        return measure;
    }

    @Transactional
    public Measure update(String ref, String planRef, String ifMatch, MeasureChange change, String changedBy) {
        Viewer viewer = viewer();
        Measure measure = find(ref, planRef, viewer);
        if (!viewer.staff()) {
            requirePartnerMayChange(measure, viewer);
        }
        ETags.requireMatch(ifMatch, measure.version);
        loadRelations(measure);
        var before = snapshot(measure);
        List<FieldError> errors = new ArrayList<>();
        if (change.onlyExternalReference()) {
            return updateOwnReference(measure, viewer, change, before);
        }
        change.externalReference().ifPresent(reference -> setExternalReference(measure, viewer, reference, errors));
        if (change.statusReason() != null && (change.status() == null || change.status() == measure.status)) {
            errors.add(new FieldError("/statusReason", "is only recorded with a change of status"));
        }
        MeasureMembers.apply(measure, measure.plan, change, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        OffsetDateTime now = Timestamps.now();
        StatusChange transition = null;
        if (change.status() != null) {
            transition = measure.changeStatus(change.status(), change.statusReason(), changedBy, now);
            if (transition != null) {
                transition.changedByRole = caller.role();
                transition.persist();
            }
        }
        measure.updatedAt = now;
        em.flush();
        loadRelations(measure);
        history.updated(ResourceType.MEASURE, measure.id, measure.code, measure.version, before, snapshot(measure),
                audience(measure));
        changed.fire(MeasureChanged.of(transition == null ? Set.of("measure.updated")
                : Set.of("measure.updated", "measure.status_changed"), measure));
        return measure;
    }

    /**
     * A partner's own reference is the partner's alone: setting, changing or removing it moves
     * neither the version nor the modification time, and fires no event (so no webhook and no
     * change feed entry), but it is audited. Setting the reference it has already changes nothing.
     */
    private Measure updateOwnReference(Measure measure, Viewer viewer, MeasureChange change,
            Map<String, Object> before) {
        List<FieldError> errors = new ArrayList<>();
        setExternalReference(measure, viewer, change.externalReference().value(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.flush();
        history.updatedPrivately(ResourceType.MEASURE, measure.id, before, snapshot(measure));
        return measure;
    }

    @Transactional
    public void delete(String ref, String planRef, String ifMatch) {
        Measure measure = find(ref, planRef, Viewer.STAFF);
        ETags.requireMatch(ifMatch, measure.version);
        loadRelations(measure);
        history.deleted(ResourceType.MEASURE, measure.id, measure.code, snapshot(measure), audience(measure));
        changed.fire(MeasureChanged.of(Set.of("measure.deleted"), measure));
        StatusChange.delete("measure", measure);
        measure.delete();
    }

    /**
     * A measure shows the names of its organisations, so renaming one changes the representation
     * of every measure it takes part in: their versions (ETags) and modification times move on.
     */
    void onOrganisationRenamed(@Observes OrganisationRenamed renamed) {
        em.createQuery("update Measure m set m.version = m.version + 1, m.updatedAt = :now"
                + " where m.leadOrganisation.id = :organisation or exists (select 1 from Measure p join p.partners pp"
                + " where p = m and pp.organisation.id = :organisation)")
                .setParameter("now", Timestamps.now()).setParameter("organisation", renamed.organisationId())
                .executeUpdate();
        em.createQuery("select m.id, m.code, m.version, m.publiclyVisible from Measure m"
                + " where m.leadOrganisation.id = :organisation or exists (select 1 from Measure p join p.partners pp"
                + " where p = m and pp.organisation.id = :organisation)",
                Object[].class).setParameter("organisation", renamed.organisationId()).getResultList()
                .forEach(row -> history.changedAlong(ResourceType.MEASURE, (UUID) row[0], (String) row[1], (Long) row[2],
                        new WriteHistory.Audience((Boolean) row[3], Set.of(renamed.organisationId()))));
    }

    /** Who may see this measure's changes in the feed, as it is now. */
    private static WriteHistory.Audience audience(Measure measure) {
        return new WriteHistory.Audience(measure.publiclyVisible, measure.organisations());
    }

    /** The audited state: what staff see, plus every organisation's external reference. */
    private Map<String, Object> snapshot(Measure measure) {
        var snapshot = history.snapshot(MeasureMapper.toDto(measure, Viewer.STAFF));
        if (!measure.externalReferences.isEmpty()) {
            var references = new java.util.TreeMap<String, Object>();
            measure.externalReferences.forEach((organisation, reference) -> references.put(organisation.toString(), reference));
            snapshot.put("externalReferences", references);
        }
        return snapshot;
    }

    /**
     * A partner changes only measures its organisation takes part in, and of them only the members
     * the contract declares partner-writable (held by common/security/PartnerWritableInterceptor
     * before the body is read). Another organisation's public measure is a 403; a non-public one
     * was already a 404, so a partner never learns that it exists.
     */
    private static void requirePartnerMayChange(Measure measure, Viewer viewer) {
        if (!measure.involves(viewer.organisationId())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Your organisation neither leads nor takes part in measure " + measure.code + ".");
        }
    }

    private void setExternalReference(Measure measure, Viewer viewer, String reference, List<FieldError> errors) {
        UUID organisation = viewer.organisationId();
        if (organisation == null) {
            errors.add(new FieldError("/externalReference", "is set by a partner organisation for itself"));
            return;
        }
        if (reference == null) {
            measure.externalReferences.remove(organisation);
            return;
        }
        Number taken = (Number) em.createNativeQuery("SELECT count(*) FROM measure_external_reference"
                + " WHERE organisation_id = :organisation AND reference = :reference AND measure_id <> :measure")
                .setParameter("organisation", organisation).setParameter("reference", reference)
                .setParameter("measure", measure.id).getSingleResult();
        if (taken.longValue() > 0) {
            throw ProblemException.conflict("Your organisation uses the reference " + reference
                    + " for another measure already.");
        }
        measure.externalReferences.put(organisation, reference);
    }

    /**
     * Finds a measure by id, by code within the plan, or ({@code ext:...}) by the caller's own
     * external reference; one the caller may not see is as unknown as one that does not exist.
     */
    private Measure find(String ref, String planRef, Viewer viewer) {
        Optional<Measure> found;
        if (ref.startsWith(MeasureSearch.EXTERNAL_PREFIX)) {
            found = viewer.organisationId() == null ? Optional.empty()
                    : em.createQuery("select m from Measure m join m.externalReferences r"
                            + " where key(r) = :organisation and value(r) = :reference", Measure.class)
                            .setParameter("organisation", viewer.organisationId())
                            .setParameter("reference", ref.substring(MeasureSearch.EXTERNAL_PREFIX.length()))
                            .getResultStream().findFirst();
        } else {
            // What a write reads of the measure anyway comes with it, not in a statement each.
            found = Refs.asUuid(ref).flatMap(id -> em.createQuery(WITH_PARENTS + " where m.id = :id", Measure.class)
                    .setParameter("id", id).getResultStream().findFirst())
                    .or(() -> em.createQuery(WITH_PARENTS + " where m.plan = :plan and m.code = :code", Measure.class)
                            .setParameter("plan", plans.resolve(planRef)).setParameter("code", ref)
                            .getResultStream().findFirst());
        }
        return found.filter(viewer::sees).orElseThrow(() -> ProblemException.notFound("No measure " + ref
                + (planRef == null ? "" : " in plan " + planRef) + "."));
    }

    /** Initialises every relation inside the transaction; batch fetching loads each kind in one statement. */
    private static void loadRelations(Measure measure) {
        Hibernate.initialize(measure.plan);
        Hibernate.initialize(measure.actionField);
        Hibernate.initialize(measure.leadOrganisation);
        Hibernate.initialize(measure.guidelines);
        Hibernate.initialize(measure.targetGroups);
        Hibernate.initialize(measure.districts);
        Hibernate.initialize(measure.partners);
        Hibernate.initialize(measure.externalReferences);
        measure.partners.forEach(p -> Hibernate.initialize(p.organisation));
    }
}
