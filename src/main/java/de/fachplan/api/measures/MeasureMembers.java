package de.fachplan.api.measures;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.catalogue.Guideline;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.TargetGroup;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.organisations.Organisation;

/**
 * The rules of the members a measure's create and patch share: each member's limits, the codes and
 * organisations it names, and how it lands on the entity. Every invalid member is collected, so
 * that one answer names them all; {@link MeasureService} decides what happens with them.
 */
final class MeasureMembers {

    private MeasureMembers() {
    }

    /** Applies the members that create and patch share, collecting every invalid one. */
    static void apply(Measure measure, Plan plan, MeasureChange change, List<FieldError> errors) {
        if (change.title() != null) {
            measure.title = change.title();
        }
        change.description().ifSet(v -> FieldChecks.length(errors, "/description", v, 0, 10_000));
        measure.description = change.description().applyTo(measure.description);
        if (change.progress() != null) {
            FieldChecks.range(errors, "/progress", change.progress(), 0, 100);
            measure.progress = change.progress();
        }
        FieldChecks.length(errors, "/statusReason", change.statusReason(), 0, 1000);
        measure.plannedStart = change.plannedStart().applyTo(measure.plannedStart);
        measure.plannedEnd = change.plannedEnd().applyTo(measure.plannedEnd);
        if (measure.plannedStart != null && measure.plannedEnd != null && measure.plannedEnd.isBefore(measure.plannedStart)) {
            errors.add(new FieldError("/plannedEnd", "must not lie before plannedStart " + measure.plannedStart));
        }
        if (change.illustrative() != null) {
            measure.illustrative = change.illustrative();
        }
        if (change.publiclyVisible() != null) {
            measure.publiclyVisible = change.publiclyVisible();
        }
        change.statusNote().ifSet(v -> FieldChecks.length(errors, "/statusNote", v, 0, 2000));
        measure.statusNote = change.statusNote().applyTo(measure.statusNote);
        measure.leadOrganisation = change.leadOrganisationId().map(id -> {
            Organisation lead = Organisation.findById(id);
            if (lead == null) {
                errors.add(new FieldError("/leadOrganisationId", "unknown organisation " + id));
            }
            return lead;
        }).applyTo(measure.leadOrganisation);
        // Create bodies are held to these limits by bean validation already; a merge patch's lists
        // arrive in a JsonNullable, which the generated models leave unconstrained.
        if (change.partners() != null && FieldChecks.size(errors, "/partners", change.partners(), 50)) {
            measure.partners = partners(change.partners(), errors);
        }
        if (change.guidelines() != null && FieldChecks.size(errors, "/guidelines", change.guidelines(), 20)) {
            measure.guidelines = resolveCodes(change.guidelines(), "/guidelines", "guideline",
                    Guideline.<Guideline>list("plan = ?1 and code in ?2", plan, change.guidelines()), g -> g.code, errors);
        }
        if (change.targetGroups() != null && FieldChecks.size(errors, "/targetGroups", change.targetGroups(), 50)) {
            measure.targetGroups = resolveCodes(change.targetGroups(), "/targetGroups", "target group",
                    TargetGroup.<TargetGroup>list("code in ?1", change.targetGroups()), t -> t.code, errors);
        }
        if (change.districts() != null && FieldChecks.size(errors, "/districts", change.districts(), 100)) {
            measure.districts = resolveCodes(change.districts(), "/districts", "district",
                    District.<District>list("code in ?1", change.districts()), d -> d.code, errors);
        }
    }

    private static List<MeasurePartner> partners(List<MeasureChange.PartnerInput> inputs, List<FieldError> errors) {
        Set<UUID> ids = inputs.stream().map(MeasureChange.PartnerInput::organisationId).collect(Collectors.toSet());
        Map<UUID, Organisation> found = Organisation.<Organisation>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(o -> o.id, o -> o));
        List<MeasurePartner> partners = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            MeasureChange.PartnerInput input = inputs.get(i);
            Organisation organisation = found.get(input.organisationId());
            if (organisation == null) {
                errors.add(new FieldError("/partners/" + i + "/organisationId",
                        "unknown organisation " + input.organisationId()));
            } else if (!seen.add(organisation.id)) {
                errors.add(new FieldError("/partners/" + i + "/organisationId",
                        "names organisation " + organisation.id + " a second time"));
            } else {
                partners.add(new MeasurePartner(organisation, input.role()));
            }
        }
        return partners;
    }

    private static <T> Set<T> resolveCodes(List<String> codes, String pointer, String what, List<T> found,
            Function<T, String> code, List<FieldError> errors) {
        Map<String, T> byCode = found.stream().collect(Collectors.toMap(code, t -> t));
        Set<T> resolved = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            T item = byCode.get(codes.get(i));
            if (item == null) {
                errors.add(new FieldError(pointer + "/" + i, "unknown " + what + " " + codes.get(i)));
            } else if (!seen.add(codes.get(i))) {
                errors.add(new FieldError(pointer + "/" + i, "names " + codes.get(i) + " a second time"));
            } else {
                resolved.add(item);
            }
        }
        return resolved;
    }
}
