package de.fachplan.api.organisations;

import java.time.ZoneOffset;

import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.generated.model.OrganisationCreateDto;
import de.fachplan.api.generated.model.OrganisationDto;
import de.fachplan.api.generated.model.OrganisationPatchDto;
import de.fachplan.api.generated.model.OrganisationTypeDto;

/** Organisations to the contract's DTO. */
final class OrganisationMapper {

    private OrganisationMapper() {
    }

    static OrganisationDto toDto(Organisation organisation) {
        var dto = new OrganisationDto();
        dto.setId(organisation.id);
        dto.setName(organisation.name);
        dto.setShortName(organisation.shortName);
        dto.setType(OrganisationTypeDto.valueOf(organisation.type.name()));
        dto.setWebsite(organisation.website);
        dto.setIllustrative(organisation.illustrative);
        dto.setVersion(organisation.version);
        dto.setCreatedAt(organisation.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(organisation.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    static OrganisationService.OrganisationChange fromCreate(OrganisationCreateDto request) {
        return new OrganisationService.OrganisationChange(request.getName(), Patch.ofNullable(request.getShortName()),
                OrganisationType.valueOf(request.getType().name()), Patch.ofNullable(request.getWebsite()),
                Boolean.TRUE.equals(request.getIllustrative()));
    }

    static OrganisationService.OrganisationChange fromPatch(OrganisationPatchDto patch) {
        return new OrganisationService.OrganisationChange(patch.getName(), Patch.of(patch.getShortName()),
                patch.getType() == null ? null : OrganisationType.valueOf(patch.getType().name()),
                Patch.of(patch.getWebsite()), patch.getIllustrative());
    }
}
