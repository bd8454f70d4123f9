package de.fachplan.api.catalogue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import de.fachplan.api.generated.model.LocalizedLongTextDto;
import de.fachplan.api.generated.model.LocalizedTextDto;
import de.fachplan.api.generated.model.ActionFieldDto;
import de.fachplan.api.generated.model.DistrictDto;
import de.fachplan.api.generated.model.DistrictKindDto;
import de.fachplan.api.generated.model.GuidelineDto;
import de.fachplan.api.generated.model.PlanDto;
import de.fachplan.api.generated.model.TargetGroupDto;
import de.fachplan.api.generated.model.TargetGroupCategoryDto;

/** Entities of the catalogue to the contract's DTOs. */
final class CatalogueMapper {

    private CatalogueMapper() {
    }

    static PlanDto plan(Plan plan) {
        var dto = new PlanDto();
        dto.setId(plan.id);
        dto.setCode(plan.code);
        dto.setTitle(plan.title);
        dto.setMunicipality(plan.municipality);
        dto.setIssuingAuthority(plan.issuingAuthority);
        dto.setCouncilReference(plan.councilReference);
        dto.setAdoptedOn(plan.adoptedOn);
        dto.setValidFrom(plan.validFrom);
        dto.setValidTo(plan.validTo);
        return dto;
    }

    static ActionFieldDto actionField(ActionField field) {
        var dto = new ActionFieldDto();
        dto.setId(field.id);
        dto.setPlan(field.plan.code);
        dto.setCode(field.code);
        dto.setName(text(field.nameDe, field.nameEn));
        dto.setPosition(field.position);
        return dto;
    }

    static GuidelineDto guideline(Guideline guideline) {
        var dto = new GuidelineDto();
        dto.setId(guideline.id);
        dto.setPlan(guideline.plan.code);
        dto.setCode(guideline.code);
        dto.setTitle(text(guideline.titleDe, guideline.titleEn));
        dto.setPosition(guideline.position);
        return dto;
    }

    static DistrictDto district(District district) {
        var dto = new DistrictDto();
        dto.setId(district.id);
        dto.setCode(district.code);
        dto.setName(district.name);
        dto.setKind(DistrictKindDto.valueOf(district.kind.name()));
        dto.setMunicipality(district.municipality);
        return dto;
    }

    static TargetGroupDto targetGroup(TargetGroup group) {
        var dto = new TargetGroupDto();
        dto.setId(group.id);
        dto.setCode(group.code);
        dto.setCategory(TargetGroupCategoryDto.valueOf(group.category.name()));
        dto.setName(text(group.nameDe, group.nameEn));
        if (group.descriptionDe != null) {
            LocalizedLongTextDto description = new LocalizedLongTextDto();
            description.setDe(group.descriptionDe);
            description.setEn(group.descriptionEn);
            dto.setDescription(description);
        }
        dto.setVersion(group.version);
        dto.setCreatedAt(utc(group.createdAt));
        dto.setUpdatedAt(utc(group.updatedAt));
        return dto;
    }

    static LocalizedTextDto text(String de, String en) {
        LocalizedTextDto text = new LocalizedTextDto();
        text.setDe(de);
        text.setEn(en);
        return text;
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
