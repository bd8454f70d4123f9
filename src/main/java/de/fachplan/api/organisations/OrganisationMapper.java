package de.fachplan.api.organisations;

import java.time.ZoneOffset;
import de.fachplan.api.generated.model.OrganisationDto;
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
}
