package de.fachplan.api.organisations;

import java.time.ZoneOffset;

/** Organisations to the contract's DTO. */
final class OrganisationMapper {

    private OrganisationMapper() {
    }

    static de.fachplan.api.generated.model.Organisation toDto(Organisation organisation) {
        var dto = new de.fachplan.api.generated.model.Organisation();
        dto.setId(organisation.id);
        dto.setName(organisation.name);
        dto.setShortName(organisation.shortName);
        dto.setType(de.fachplan.api.generated.model.OrganisationType.valueOf(organisation.type.name()));
        dto.setWebsite(organisation.website);
        dto.setIllustrative(organisation.illustrative);
        dto.setVersion(organisation.version);
        dto.setCreatedAt(organisation.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(organisation.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }
}
