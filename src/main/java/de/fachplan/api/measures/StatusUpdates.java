package de.fachplan.api.measures;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.persistence.CollectedInserts;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;

/**
 * The status batch's rules: the rules of a PATCH of the status members ({@link MeasureService#update}),
 * applied to a run of updates that read and write their measures together ({@link StatusRows}).
 * Each update is checked against the state the updates before it left (the same measure may be
 * named twice), and records its own audit event, change feed entry, status history and outbox
 * rows; the measures are written once, when the run ends.
 */
@ApplicationScoped
public class StatusUpdates {

    private static final CollectedInserts.Table STATUS_CHANGE = new CollectedInserts.Table("measure_status_change"
            + " (measure_id, from_status, to_status, changed_at, changed_by, changed_by_role, reason)",
            "(?, ?, ?, ?, ?, ?, ?)");

    @Inject
    StatusRows rows;

    @Inject
    PlanService plans;

    @Inject
    MeasureService measures;

    @Inject
    WriteHistory history;

    @Inject
    CollectedInserts inserts;

    @Inject
    Caller caller;

    @Inject
    Event<MeasureChanged> changed;

    /** What an applied update reports: the measure and its version (ETag) after the update. */
    public record Applied(UUID id, String code, long version) {
    }

    /**
     * Reads and locks the measures a run of updates names. A name that finds nothing, such as an
     * unknown plan, fails only its own update when it is applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Run begin(List<StatusUpdate> updates) {
        Viewer viewer = measures.viewer();
        List<UUID> ids = new ArrayList<>();
        List<UUID> planIds = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> references = new ArrayList<>();
        Map<String, Optional<UUID>> planIdByRef = new HashMap<>();
        for (StatusUpdate update : updates) {
            String ref = update.measure();
            if (ref == null) {
                continue;
            }
            if (ref.startsWith(MeasureSearch.EXTERNAL_PREFIX)) {
                references.add(ref.substring(MeasureSearch.EXTERNAL_PREFIX.length()));
                continue;
            }
            Refs.asUuid(ref).ifPresent(ids::add);
            planIdByRef.computeIfAbsent(String.valueOf(update.plan()), p -> resolvablePlan(update.plan()))
                    .ifPresent(planId -> {
                        planIds.add(planId);
                        codes.add(ref);
                    });
        }
        return new Run(viewer, rows.lock(ids, planIds, codes, viewer.organisationId(), references));
    }

    private Optional<UUID> resolvablePlan(String planRef) {
        try {
            return Optional.of(plans.resolve(planRef).id);
        } catch (ProblemException unknown) {
            return Optional.empty();
        }
    }

    /** The updates of one run, in the transaction that read their measures. */
    public final class Run {
        private final Viewer viewer;
        private final List<StatusRows.Locked> locked;
        private final Map<UUID, StatusRows.Locked> byId = new HashMap<>();
        private final Map<String, StatusRows.Locked> byReference = new HashMap<>();

        private Run(Viewer viewer, List<StatusRows.Locked> locked) {
            this.viewer = viewer;
            this.locked = locked;
            for (StatusRows.Locked measure : locked) {
                byId.put(measure.id, measure);
                if (measure.reference != null) {
                    byReference.put(measure.reference, measure);
                }
            }
        }

        /** Applies one update, or throws the problem that fails it (its run is then rolled back). */
        public Applied apply(StatusUpdate update) {
            StatusRows.Locked measure = find(update.measure(), update.plan());
            if (!viewer.staff() && !measure.organisations.contains(viewer.organisationId())) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "Your organisation neither leads nor takes part in measure " + measure.code + ".");
            }
            ETags.requireMatch(update.ifMatch() == null ? "*" : update.ifMatch(), measure.version);
            List<FieldError> errors = new ArrayList<>();
            if (update.statusReason() != null && (update.status() == null || update.status() == measure.status)) {
                errors.add(new FieldError("/statusReason", "is only recorded with a change of status"));
            }
            FieldChecks.range(errors, "/progress", update.progress(), 0, 100);
            FieldChecks.length(errors, "/statusReason", update.statusReason(), 0, 1000);
            FieldChecks.length(errors, "/statusNote", update.statusNote(), 0, 2000);
            FieldChecks.throwIfAny(errors);
            boolean transition = update.status() != null && update.status() != measure.status;
            if (transition) {
                measure.status.requireCanChangeTo(update.status());
            }
            Map<String, Object> before = audited(measure);
            OffsetDateTime now = Timestamps.now();
            if (transition) {
                inserts.insert(STATUS_CHANGE, measure.id, measure.status.name(), update.status().name(), now,
                        caller.displayName(), caller.role() == null ? null : caller.role().name(), update.statusReason());
                measure.status = update.status();
            }
            if (update.progress() != null) {
                measure.progress = update.progress();
            }
            if (update.statusNote() != null) {
                measure.statusNote = update.statusNote();
            }
            measure.updatedAt = now;
            measure.version++;
            WriteHistory.Audience audience = new WriteHistory.Audience(measure.publiclyVisible, measure.organisations);
            history.updated(ResourceType.MEASURE, measure.id, measure.code, measure.version, before, audited(measure),
                    audience);
            changed.fire(new MeasureChanged(transition ? Set.of("measure.updated", "measure.status_changed")
                    : Set.of("measure.updated"), measure.id, measure.code, measure.plan,
                    new MeasureChanged.State(measure.status, measure.progress), measure.version, audience));
            return new Applied(measure.id, measure.code, measure.version);
        }

        /** Writes the measures the run's updates changed. */
        public void write() {
            rows.write(locked);
        }

        /** As {@link MeasureService}'s lookup: a measure the caller may not see is as unknown as a missing one. */
        private StatusRows.Locked find(String ref, String planRef) {
            StatusRows.Locked found;
            if (ref.startsWith(MeasureSearch.EXTERNAL_PREFIX)) {
                found = byReference.get(ref.substring(MeasureSearch.EXTERNAL_PREFIX.length()));
            } else {
                found = Refs.asUuid(ref).map(byId::get).orElse(null);
                if (found == null) {
                    UUID planId = plans.resolve(planRef).id;
                    found = locked.stream().filter(m -> m.planId.equals(planId) && m.code.equals(ref)).findFirst()
                            .orElse(null);
                }
            }
            if (found == null || !viewer.sees(found.publiclyVisible, found.organisations)) {
                throw ProblemException.notFound("No measure " + ref + (planRef == null ? "" : " in plan " + planRef) + ".");
            }
            return found;
        }
    }

    /**
     * The audited members a status update can change, as the measure's staff representation shows
     * them: an update's audit event names exactly those that changed.
     */
    private static Map<String, Object> audited(StatusRows.Locked measure) {
        Map<String, Object> audited = new HashMap<>();
        audited.put("status", measure.status.name());
        audited.put("progress", measure.progress);
        audited.put("statusNote", measure.statusNote);
        return audited;
    }
}
