package de.fachplan.api.measures;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.catalogue.Guideline;
import de.fachplan.api.catalogue.TargetGroup;
import de.fachplan.api.common.http.MergePatch;
import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.persistence.SqlValues;
import de.fachplan.api.generated.model.MeasureCreateDto;
import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.generated.model.MeasurePartnerDto;
import de.fachplan.api.generated.model.MeasurePartnerInputDto;
import de.fachplan.api.generated.model.MeasurePatchDto;
import de.fachplan.api.generated.model.MeasureStatusDto;
import de.fachplan.api.generated.model.OrganisationRefDto;
import de.fachplan.api.generated.model.PartnerRoleDto;
import de.fachplan.api.generated.model.StatusChangeDto;
import de.fachplan.api.organisations.Organisation;

/** Measures between the contract's DTOs and the domain. */
final class MeasureMapper {

    /** Partners by organisation name, then id: the same order for every representation. */
    private static final Comparator<MeasurePartnerDto> PARTNER_ORDER = Comparator
            .comparing((MeasurePartnerDto p) -> p.getOrganisation().getName())
            .thenComparing(p -> p.getOrganisation().getId());

    private MeasureMapper() {
    }

    static MeasureDto toDto(Measure measure, Viewer viewer) {
        var dto = new MeasureDto();
        dto.setId(measure.id);
        dto.setPlan(measure.plan.code);
        dto.setCode(measure.code);
        dto.setActionField(measure.actionField.code);
        dto.setTitle(measure.title);
        dto.setDescription(measure.description);
        dto.setStatus(MeasureStatusDto.valueOf(measure.status.name()));
        dto.setProgress(measure.progress);
        dto.setPlannedStart(measure.plannedStart);
        dto.setPlannedEnd(measure.plannedEnd);
        if (measure.leadOrganisation != null) {
            dto.setLeadOrganisation(ref(measure.leadOrganisation));
        }
        dto.setPartners(measure.partners.stream().map(p -> {
            var partner = new MeasurePartnerDto();
            partner.setOrganisation(ref(p.organisation));
            partner.setRole(PartnerRoleDto.valueOf(p.role.name()));
            return partner;
        }).sorted(PARTNER_ORDER).toList());
        dto.setGuidelines(measure.guidelines.stream().sorted(Comparator.comparingInt((Guideline g) -> g.position))
                .map(g -> g.code).toList());
        dto.setTargetGroups(measure.targetGroups.stream().map((TargetGroup t) -> t.code).sorted().toList());
        dto.setDistricts(measure.districts.stream().map((District d) -> d.code).sorted().toList());
        dto.setIllustrative(measure.illustrative);
        dto.setPublic(measure.publiclyVisible);
        if (viewer.seesInternals(measure)) {
            dto.setStatusNote(measure.statusNote);
        }
        if (viewer.organisationId() != null) {
            dto.setExternalReference(measure.externalReferences.get(viewer.organisationId()));
        }
        dto.setVersion(measure.version);
        dto.setCreatedAt(measure.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(measure.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    /**
     * A row of {@link MeasureSearch}: the same representation as {@link #toDto(Measure, Viewer)}
     * gives for the entity, member for member (CachedReadsTest holds the two together).
     */
    static MeasureDto toDto(Row row, Viewer viewer) {
        var dto = new MeasureDto();
        dto.setId(row.get("id", UUID.class));
        dto.setPlan(SqlValues.text(row.get("plan_code")));
        dto.setCode(SqlValues.text(row.get("code")));
        dto.setActionField(SqlValues.text(row.get("action_field_code")));
        dto.setTitle(SqlValues.text(row.get("title")));
        dto.setDescription(SqlValues.text(row.get("description")));
        dto.setStatus(MeasureStatusDto.valueOf(SqlValues.text(row.get("status"))));
        dto.setProgress(row.get("progress", Number.class).intValue());
        dto.setPlannedStart(SqlValues.localDate(row.get("planned_start")));
        dto.setPlannedEnd(SqlValues.localDate(row.get("planned_end")));
        Set<UUID> organisations = new HashSet<>();
        UUID lead = row.get("lead_id", UUID.class);
        if (lead != null) {
            organisations.add(lead);
            dto.setLeadOrganisation(ref(lead, SqlValues.text(row.get("lead_name"))));
        }
        List<MeasurePartnerDto> partners = new ArrayList<>();
        for (String packed : SqlValues.strings(row.get("partners"))) {
            String[] parts = packed.split("\\|", 3);
            UUID organisation = UUID.fromString(parts[0]);
            organisations.add(organisation);
            var partner = new MeasurePartnerDto();
            partner.setOrganisation(ref(organisation, parts[2]));
            partner.setRole(PartnerRoleDto.valueOf(parts[1]));
            partners.add(partner);
        }
        partners.sort(PARTNER_ORDER);
        dto.setPartners(partners);
        dto.setGuidelines(SqlValues.strings(row.get("guidelines")));
        List<String> targetGroups = SqlValues.strings(row.get("target_groups"));
        targetGroups.sort(Comparator.naturalOrder());
        dto.setTargetGroups(targetGroups);
        List<String> districts = SqlValues.strings(row.get("districts"));
        districts.sort(Comparator.naturalOrder());
        dto.setDistricts(districts);
        dto.setIllustrative(row.get("illustrative", Boolean.class));
        dto.setPublic(row.get("public", Boolean.class));
        if (viewer.seesInternals(organisations)) {
            dto.setStatusNote(SqlValues.text(row.get("status_note")));
        }
        if (viewer.organisationId() != null) {
            dto.setExternalReference(SqlValues.text(row.get("external_reference")));
        }
        dto.setVersion(row.get("version", Number.class).longValue());
        dto.setCreatedAt(SqlValues.utc(row.get("created_at")));
        dto.setUpdatedAt(SqlValues.utc(row.get("updated_at")));
        return dto;
    }

    /**
     * A status change as the caller sees it: callers with the public read scope get the role of whoever made it
     * ({@code role:EDITOR}, {@code role:UNKNOWN} for rows from before roles were recorded), never
     * the name.
     */
    static StatusChangeDto toDto(StatusChange change, boolean publicView) {
        var dto = new StatusChangeDto();
        dto.setId(change.id);
        dto.setFromStatus(change.fromStatus == null ? null
                : MeasureStatusDto.valueOf(change.fromStatus.name()));
        dto.setToStatus(MeasureStatusDto.valueOf(change.toStatus.name()));
        dto.setChangedAt(change.changedAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setChangedBy(!publicView ? change.changedBy
                : "role:" + (change.changedByRole == null ? "UNKNOWN" : change.changedByRole.name()));
        dto.setReason(change.reason);
        return dto;
    }

    static MeasureChange fromCreate(MeasureCreateDto request) {
        return MeasureChange.builder().plan(request.getPlan()).actionField(request.getActionField())
                .code(request.getCode()).title(request.getTitle())
                .description(Patch.ofNullable(request.getDescription()))
                .status(request.getStatus() == null ? null : MeasureStatus.valueOf(request.getStatus().name()))
                .statusReason(request.getStatusReason()).progress(request.getProgress())
                .plannedStart(Patch.ofNullable(request.getPlannedStart()))
                .plannedEnd(Patch.ofNullable(request.getPlannedEnd()))
                .leadOrganisationId(Patch.ofNullable(request.getLeadOrganisationId()))
                .partners(request.getPartners() == null ? null
                        : request.getPartners().stream().map(MeasureMapper::partner).toList())
                .guidelines(request.getGuidelines()).targetGroups(request.getTargetGroups())
                .districts(request.getDistricts()).illustrative(request.getIllustrative())
                .publiclyVisible(request.getPublic()).statusNote(Patch.ofNullable(request.getStatusNote()))
                .build();
    }

    static MeasureChange fromPatch(MeasurePatchDto patch) {
        return MeasureChange.builder().title(patch.getTitle()).description(Patch.of(patch.getDescription()))
                .status(patch.getStatus() == null ? null : MeasureStatus.valueOf(patch.getStatus().name()))
                .statusReason(patch.getStatusReason()).progress(patch.getProgress())
                .plannedStart(Patch.of(patch.getPlannedStart())).plannedEnd(Patch.of(patch.getPlannedEnd()))
                .leadOrganisationId(Patch.of(patch.getLeadOrganisationId()))
                .partners(MergePatch.list(patch.getPartners(), MeasureMapper::partner))
                .guidelines(MergePatch.list(patch.getGuidelines())).targetGroups(MergePatch.list(patch.getTargetGroups()))
                .districts(MergePatch.list(patch.getDistricts())).illustrative(patch.getIllustrative())
                .publiclyVisible(patch.getPublic()).statusNote(Patch.of(patch.getStatusNote()))
                .externalReference(Patch.of(patch.getExternalReference())).build();
    }

    private static MeasureChange.PartnerInput partner(MeasurePartnerInputDto input) {
        return new MeasureChange.PartnerInput(input.getOrganisationId(), PartnerRole.valueOf(input.getRole().name()));
    }

    private static OrganisationRefDto ref(Organisation organisation) {
        return ref(organisation.id, organisation.name);
    }

    private static OrganisationRefDto ref(UUID id, String name) {
        OrganisationRefDto ref = new OrganisationRefDto();
        ref.setId(id);
        ref.setName(name);
        return ref;
    }
}
