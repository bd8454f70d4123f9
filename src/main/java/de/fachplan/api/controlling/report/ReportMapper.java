package de.fachplan.api.controlling.report;

import java.util.List;

import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.generated.model.ActionFieldReportDto;
import de.fachplan.api.generated.model.ControllingReportDto;
import de.fachplan.api.generated.model.IndicatorAttainmentDto;
import de.fachplan.api.generated.model.IndicatorDirectionDto;
import de.fachplan.api.generated.model.IndicatorReportDto;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.LocalizedTextDto;
import de.fachplan.api.generated.model.MeasureReportDto;
import de.fachplan.api.generated.model.MeasuresByStatusDto;
import de.fachplan.api.generated.model.PeriodAttainmentDto;
import de.fachplan.api.generated.model.StatusCountsDto;
import de.fachplan.api.generated.model.TrafficLightDto;

/** The controlling report and attainment figures on the wire. */
public final class ReportMapper {

    private ReportMapper() {
    }

    public static IndicatorAttainmentDto toDto(Indicator indicator, List<ControllingReports.PeriodResult> periods) {
        IndicatorAttainmentDto body = new IndicatorAttainmentDto();
        body.setIndicator(indicator.code);
        body.setUnit(IndicatorUnitDto.fromValue(indicator.unit.name()));
        body.setDirection(IndicatorDirectionDto.fromValue(indicator.direction.name()));
        body.setPeriods(periods.stream().map(r -> {
            PeriodAttainmentDto dto = new PeriodAttainmentDto();
            dto.setPeriod(r.period());
            if (r.target() != null) {
                dto.setTarget(Numbers.plain(r.target().value()));
                dto.setTargetMin(Numbers.plain(r.target().min()));
                dto.setTargetMax(Numbers.plain(r.target().max()));
            }
            dto.setActual(Numbers.plain(r.actual()));
            dto.setAttainment(Numbers.plain(r.attainment().ratio()));
            dto.setStatus(TrafficLightDto.fromValue(r.attainment().status().name()));
            dto.setCorrectionPending(r.correctionPending());
            return dto;
        }).toList());
        return body;
    }

    public static ControllingReportDto toDto(ControllingReports.Report report) {
        ControllingReportDto body = new ControllingReportDto();
        body.setPlan(report.plan().code);
        body.setPeriod(report.period().toString());
        body.setTotals(counts(report.totals()));
        body.setActionFields(report.fields().stream().map(ReportMapper::toDto).toList());
        body.setMeasures(report.measures().stream().map(m -> {
            MeasureReportDto dto = new MeasureReportDto();
            dto.setCode(m.code());
            dto.setActionField(m.actionField());
            dto.setStatus(TrafficLightDto.fromValue(m.status().name()));
            dto.setTotals(counts(m.counts()));
            return dto;
        }).toList());
        body.setIndicators(report.indicators().stream().map(ReportMapper::toDto).toList());
        return body;
    }

    private static ActionFieldReportDto toDto(ControllingReports.FieldResult field) {
        ActionFieldReportDto dto = new ActionFieldReportDto();
        dto.setCode(field.field().code);
        LocalizedTextDto name = new LocalizedTextDto();
        name.setDe(field.field().nameDe);
        name.setEn(field.field().nameEn);
        dto.setName(name);
        dto.setTotals(counts(field.counts()));
        MeasuresByStatusDto byStatus = new MeasuresByStatusDto();
        byStatus.setOnTrack(field.measures().get(TrafficLight.ON_TRACK));
        byStatus.setAtRisk(field.measures().get(TrafficLight.AT_RISK));
        byStatus.setOffTrack(field.measures().get(TrafficLight.OFF_TRACK));
        byStatus.setWithoutData(field.measures().get(TrafficLight.WITHOUT_DATA));
        dto.setMeasuresByStatus(byStatus);
        return dto;
    }

    private static IndicatorReportDto toDto(ControllingReports.IndicatorResult result) {
        IndicatorReportDto dto = new IndicatorReportDto();
        Indicator indicator = result.indicator();
        ControllingReports.PeriodResult period = result.result();
        dto.setIndicator(indicator.code);
        dto.setActionField(indicator.actionField == null ? null : indicator.actionField.code);
        dto.setMeasure(indicator.measure == null ? null : indicator.measure.code);
        dto.setPeriod(period.period());
        if (period.target() != null) {
            dto.setTarget(Numbers.plain(period.target().value()));
            dto.setTargetMin(Numbers.plain(period.target().min()));
            dto.setTargetMax(Numbers.plain(period.target().max()));
        }
        dto.setActual(Numbers.plain(period.actual()));
        dto.setAttainment(Numbers.plain(period.attainment().ratio()));
        dto.setStatus(TrafficLightDto.fromValue(period.attainment().status().name()));
        dto.setCorrectionPending(period.correctionPending());
        return dto;
    }

    private static StatusCountsDto counts(ControllingReports.Counts counts) {
        StatusCountsDto dto = new StatusCountsDto();
        dto.setOnTrack(counts.of(TrafficLight.ON_TRACK));
        dto.setAtRisk(counts.of(TrafficLight.AT_RISK));
        dto.setOffTrack(counts.of(TrafficLight.OFF_TRACK));
        dto.setWithoutData(counts.of(TrafficLight.WITHOUT_DATA));
        return dto;
    }
}
