package de.fachplan.api.controlling.indicators;

import java.time.ZoneOffset;
import java.util.UUID;

import de.fachplan.api.common.http.MergePatch;
import de.fachplan.api.generated.model.IndicatorBaselineDto;
import de.fachplan.api.generated.model.IndicatorCreateDto;
import de.fachplan.api.generated.model.IndicatorPatchDto;
import de.fachplan.api.generated.model.IndicatorTargetDto;
import de.fachplan.api.generated.model.LocalizedLongTextDto;
import de.fachplan.api.generated.model.LocalizedTextDto;
import de.fachplan.api.generated.model.OrganisationRefDto;
import de.fachplan.api.generated.model.IndicatorDto;
import de.fachplan.api.generated.model.IndicatorDirectionDto;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.ReportingFrequencyDto;
import de.fachplan.api.common.text.Numbers;

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

    public static IndicatorService.Definition fromCreate(IndicatorCreateDto request) {
        return new IndicatorService.Definition(request.getCode(), request.getName().getDe(), request.getName().getEn(),
                IndicatorService.Patch.of(request.getDescription() == null ? null : request.getDescription().getDe()),
                IndicatorService.Patch.of(request.getDescription() == null ? null : request.getDescription().getEn()),
                Unit.valueOf(request.getUnit().name()), Direction.valueOf(request.getDirection().name()),
                Frequency.valueOf(request.getFrequency().name()), request.getActionField(), request.getMeasure(),
                IndicatorService.Patch.of(request.getReportingOrganisation()),
                IndicatorService.Patch.of(request.getBaseline() == null ? null
                        : new IndicatorService.Baseline(request.getBaseline().getPeriod(), request.getBaseline().getValue())),
                request.getTargets() == null ? java.util.List.of() : request.getTargets().stream().map(IndicatorMapper::target).toList(),
                request.getIllustrative());
    }

    public static IndicatorService.Definition fromPatch(IndicatorPatchDto patch) {
        IndicatorService.Patch<String> descriptionDe = null;
        IndicatorService.Patch<String> descriptionEn = null;
        if (patch.getDescription().isPresent()) {
            var description = patch.getDescription().get();
            descriptionDe = IndicatorService.Patch.of(description == null ? null : description.getDe());
            descriptionEn = IndicatorService.Patch.of(description == null ? null : description.getEn());
        }
        IndicatorService.Patch<UUID> organisation = patch.getReportingOrganisation().isPresent()
                ? IndicatorService.Patch.of(patch.getReportingOrganisation().get()) : null;
        IndicatorService.Patch<IndicatorService.Baseline> baseline = null;
        if (patch.getBaseline().isPresent()) {
            var b = patch.getBaseline().get();
            baseline = IndicatorService.Patch.of(b == null ? null : new IndicatorService.Baseline(b.getPeriod(), b.getValue()));
        }
        return new IndicatorService.Definition(null, patch.getName() == null ? null : patch.getName().getDe(),
                patch.getName() == null ? null : patch.getName().getEn(), descriptionDe, descriptionEn, null,
                patch.getDirection() == null ? null : Direction.valueOf(patch.getDirection().name()), null, null, null,
                organisation, baseline,
                MergePatch.list(patch.getTargets(), IndicatorMapper::target),
                patch.getIllustrative());
    }

    private static IndicatorService.TargetInput target(IndicatorTargetDto t) {
        return new IndicatorService.TargetInput(t.getPeriod(), t.getValue(), t.getMin(), t.getMax());
    }
}
