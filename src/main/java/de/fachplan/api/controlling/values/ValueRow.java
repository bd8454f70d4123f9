package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;

/**
 * One reported value as lists and exports show it. JSON and CSV are both made from this record
 * (and lists read it with {@link #SELECT}), so that the two formats cannot drift apart.
 */
public record ValueRow(UUID id, String indicator, String plan, String actionField, String measure, String period,
        LocalDate periodStart, String district, BigDecimal value, String unit, String state, int revision,
        String revisionReason, String note, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The CSV header; the columns of {@link #csv()}. */
    public static final List<String> CSV_HEADER = List.of("id", "indicator", "plan", "actionField", "measure", "period",
            "periodStart", "district", "value", "unit", "state", "revision", "revisionReason", "note", "deleted",
            "version", "updatedAt");

    /** The columns of a row in the order of the record, over the joins every list needs. */
    static final String SELECT = "SELECT v.id, i.code AS indicator_code, p.code AS plan_code, CAST(af.code AS text) AS field_code,"
            + " m.code AS measure_code, v.period, v.period_start, d.code AS district_code, v.value, i.unit, v.state,"
            + " v.revision, v.revision_reason, v.note, v.version, v.created_at, v.updated_at";

    static final String FROM = " FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
            + " JOIN plan p ON p.id = i.plan_id LEFT JOIN action_field af ON af.id = i.action_field_id"
            + " LEFT JOIN measure m ON m.id = i.measure_id LEFT JOIN district d ON d.id = v.district_id";

    static ValueRow of(Object[] row) {
        return new ValueRow((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], toDate(row[6]), (String) row[7], (BigDecimal) row[8], (String) row[9],
                (String) row[10], ((Number) row[11]).intValue(), (String) row[12], (String) row[13],
                ((Number) row[14]).longValue(), Timestamps.fromColumn(row[15]), Timestamps.fromColumn(row[16]));
    }

    static ValueRow of(IndicatorValue v) {
        Indicator i = v.indicator;
        return new ValueRow(v.id, i.code, i.plan.code, i.actionField == null ? null : i.actionField.code,
                i.measure == null ? null : i.measure.code, v.period, v.periodStart,
                v.district == null ? null : v.district.code, v.value, i.unit.name(), v.state.name(), v.revision,
                v.revisionReason, v.note, v.version, v.createdAt, v.updatedAt);
    }

    boolean deleted() {
        return ValueState.WITHDRAWN.name().equals(state);
    }

    public IndicatorValueDto toDto() {
        var dto = new IndicatorValueDto();
        dto.setId(id);
        dto.setIndicator(indicator);
        dto.setPlan(plan);
        dto.setActionField(actionField);
        dto.setMeasure(measure);
        dto.setPeriod(period);
        dto.setPeriodStart(periodStart);
        dto.setDistrict(district);
        dto.setValue(Numbers.plain(value));
        dto.setUnit(IndicatorUnitDto.fromValue(unit));
        dto.setState(IndicatorValueStateDto.fromValue(state));
        dto.setRevision(revision);
        dto.setRevisionReason(revisionReason);
        dto.setNote(note);
        dto.setDeleted(deleted());
        dto.setVersion(version);
        dto.setCreatedAt(createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    /** The CSV record; times in UTC as in JSON, numbers without trailing zeros. */
    List<Object> csv() {
        BigDecimal plain = Numbers.plain(value);
        return Arrays.asList(id, indicator, plan, actionField, measure, period, periodStart, district,
                plain, unit, state, revision, revisionReason, note, deleted(),
                version, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(updatedAt.withOffsetSameInstant(ZoneOffset.UTC)));
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
