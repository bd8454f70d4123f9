package de.fachplan.api.controlling.indicators;

import java.time.ZoneOffset;
import java.util.List;

import de.fachplan.api.common.http.MergePatch;
import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.generated.model.IndicatorBaselineDto;
import de.fachplan.api.generated.model.IndicatorCreateDto;
import de.fachplan.api.generated.model.IndicatorDirectionDto;
import de.fachplan.api.generated.model.IndicatorDto;
import de.fachplan.api.generated.model.IndicatorPatchDescriptionDto;
import de.fachplan.api.generated.model.IndicatorPatchDto;
import de.fachplan.api.generated.model.IndicatorTargetDto;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.LocalizedLongTextDto;
import de.fachplan.api.generated.model.LocalizedTextDto;
import de.fachplan.api.generated.model.OrganisationRefDto;
import de.fachplan.api.generated.model.ReportingFrequencyDto;

/** Indicators between the wire models and the service. */
public final class IndicatorMapper {

    private IndicatorMapper() {
    }

    public static IndicatorDto toDto(Indicator indicator) {
        var dto = new IndicatorDto();
        dto.setId(indicator.id);
        dto.setPlan(indicator.plan.code);
        dto.setCode(indicator.code);
        LocalizedTextDto name = new LocalizedTextDto();
        name.setDe(indicator.nameDe);
        name.setEn(indicator.nameEn);
        dto.setName(name);
        if (indicator.descriptionDe != null) {
            LocalizedLongTextDto description = new LocalizedLongTextDto();
            description.setDe(indicator.descriptionDe);
            description.setEn(indicator.descriptionEn);
            dto.setDescription(description);
        }
        dto.setUnit(IndicatorUnitDto.fromValue(indicator.unit.name()));
        dto.setDirection(IndicatorDirectionDto.fromValue(indicator.direction.name()));
        dto.setFrequency(ReportingFrequencyDto.fromValue(indicator.frequency.name()));
        dto.setActionField(indicator.actionField == null ? null : indicator.actionField.code);
        dto.setMeasure(indicator.measure == null ? null : indicator.measure.code);
        if (indicator.reportingOrganisation != null) {
            OrganisationRefDto ref = new OrganisationRefDto();
            ref.setId(indicator.reportingOrganisation.id);
            ref.setName(indicator.reportingOrganisation.name);
            dto.setReportingOrganisation(ref);
        }
        if (indicator.baselinePeriod != null) {
            IndicatorBaselineDto baseline = new IndicatorBaselineDto();
            baseline.setPeriod(indicator.baselinePeriod);
            baseline.setValue(Numbers.plain(indicator.baselineValue));
            dto.setBaseline(baseline);
        }
        dto.setTargets(indicator.targets.stream().map(t -> {
            IndicatorTargetDto target = new IndicatorTargetDto();
            target.setPeriod(t.period);
            target.setValue(Numbers.plain(t.value));
            target.setMin(Numbers.plain(t.min));
            target.setMax(Numbers.plain(t.max));
            return target;
        }).toList());
        dto.setIllustrative(indicator.illustrative);
        dto.setVersion(indicator.version);
        dto.setCreatedAt(indicator.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(indicator.updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    public static IndicatorDefinition fromCreate(IndicatorCreateDto request) {
        Patch<LocalizedLongTextDto> description = Patch.ofNullable(request.getDescription());
        return IndicatorDefinition.builder().code(request.getCode())
                .nameDe(request.getName().getDe()).nameEn(request.getName().getEn())
                .descriptionDe(description.map(LocalizedLongTextDto::getDe))
                .descriptionEn(description.map(LocalizedLongTextDto::getEn))
                .unit(Unit.valueOf(request.getUnit().name()))
                .direction(Direction.valueOf(request.getDirection().name()))
                .frequency(Frequency.valueOf(request.getFrequency().name()))
                .actionField(request.getActionField()).measure(request.getMeasure())
                .reportingOrganisation(Patch.ofNullable(request.getReportingOrganisation()))
                .baseline(Patch.ofNullable(request.getBaseline())
                        .map(b -> new IndicatorService.Baseline(b.getPeriod(), b.getValue())))
                .targets(request.getTargets() == null ? List.of()
                        : request.getTargets().stream().map(IndicatorMapper::target).toList())
                .illustrative(request.getIllustrative()).build();
    }

    /** A description is replaced as a whole: a patch that names only {@code de} clears {@code en}. */
    public static IndicatorDefinition fromPatch(IndicatorPatchDto patch) {
        Patch<IndicatorPatchDescriptionDto> description = Patch.of(patch.getDescription());
        return IndicatorDefinition.builder()
                .nameDe(patch.getName() == null ? null : patch.getName().getDe())
                .nameEn(patch.getName() == null ? null : patch.getName().getEn())
                .descriptionDe(description.map(IndicatorPatchDescriptionDto::getDe))
                .descriptionEn(description.map(IndicatorPatchDescriptionDto::getEn))
                .direction(patch.getDirection() == null ? null : Direction.valueOf(patch.getDirection().name()))
                .reportingOrganisation(Patch.of(patch.getReportingOrganisation()))
                .baseline(Patch.of(patch.getBaseline())
                        .map(b -> new IndicatorService.Baseline(b.getPeriod(), b.getValue())))
                .targets(MergePatch.list(patch.getTargets(), IndicatorMapper::target))
                .illustrative(patch.getIllustrative()).build();
    }

    private static IndicatorService.TargetInput target(IndicatorTargetDto t) {
        return new IndicatorService.TargetInput(t.getPeriod(), t.getValue(), t.getMin(), t.getMax());
    }
}
