package de.fachplan.api.catalogue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import de.fachplan.api.generated.model.LocalizedLongText;
import de.fachplan.api.generated.model.LocalizedText;

/** Entities of the catalogue to the contract's DTOs. */
final class CatalogueMapper {

    private CatalogueMapper() {
    }

    static de.fachplan.api.generated.model.Plan plan(Plan plan) {
        var dto = new de.fachplan.api.generated.model.Plan();
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

    static de.fachplan.api.generated.model.ActionField actionField(ActionField field) {
        var dto = new de.fachplan.api.generated.model.ActionField();
        dto.setId(field.id);
        dto.setPlan(field.plan.code);
        dto.setCode(field.code);
        dto.setName(text(field.nameDe, field.nameEn));
        dto.setPosition(field.position);
        return dto;
    }

    static de.fachplan.api.generated.model.Guideline guideline(Guideline guideline) {
        var dto = new de.fachplan.api.generated.model.Guideline();
        dto.setId(guideline.id);
        dto.setPlan(guideline.plan.code);
        dto.setCode(guideline.code);
        dto.setTitle(text(guideline.titleDe, guideline.titleEn));
        dto.setPosition(guideline.position);
        return dto;
    }

    static de.fachplan.api.generated.model.District district(District district) {
        var dto = new de.fachplan.api.generated.model.District();
        dto.setId(district.id);
        dto.setCode(district.code);
        dto.setName(district.name);
        dto.setKind(de.fachplan.api.generated.model.DistrictKind.valueOf(district.kind.name()));
        dto.setMunicipality(district.municipality);
        return dto;
    }

    static de.fachplan.api.generated.model.TargetGroup targetGroup(TargetGroup group) {
        var dto = new de.fachplan.api.generated.model.TargetGroup();
        dto.setId(group.id);
        dto.setCode(group.code);
        dto.setCategory(de.fachplan.api.generated.model.TargetGroupCategory.valueOf(group.category.name()));
        dto.setName(text(group.nameDe, group.nameEn));
        if (group.descriptionDe != null) {
            LocalizedLongText description = new LocalizedLongText();
            description.setDe(group.descriptionDe);
            description.setEn(group.descriptionEn);
            dto.setDescription(description);
        }
        dto.setVersion(group.version);
        dto.setCreatedAt(utc(group.createdAt));
        dto.setUpdatedAt(utc(group.updatedAt));
        return dto;
    }

    static LocalizedText text(String de, String en) {
        LocalizedText text = new LocalizedText();
        text.setDe(de);
        text.setEn(en);
        return text;
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
