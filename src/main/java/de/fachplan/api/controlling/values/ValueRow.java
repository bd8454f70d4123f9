package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;

/**
 * One reported value as lists show it (read with {@link #SELECT}), and the columns of the CSV
 * export over the same tables ({@link #CSV_COLUMNS}), which the database writes as text.
 */
public record ValueRow(UUID id, String indicator, String plan, String actionField, String measure, String period,
        LocalDate periodStart, String district, BigDecimal value, String unit, String state, int revision,
        String revisionReason, String note, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /**
     * A column of the CSV export: its header, the SQL whose text is the member as the JSON list
     * shows it (numbers without trailing zeros; dates and times as the ISO date style that the
     * JDBC driver holds every session to writes them, which leaves no trailing zeros in
     * fractions), and whether it is text a spreadsheet could run as a formula.
     */
    record CsvColumn(String header, String sql, boolean text) {
    }

    /** The CSV export's columns over {@link #FROM}; {@code IndicatorExportTest} holds them to the JSON list. */
    static final List<CsvColumn> CSV_COLUMNS = List.of(
            new CsvColumn("id", "v.id", false),
            new CsvColumn("indicator", "i.code", true),
            new CsvColumn("plan", "p.code", true),
            new CsvColumn("actionField", "af.code", true),
            new CsvColumn("measure", "m.code", true),
            new CsvColumn("period", "v.period", true),
            new CsvColumn("periodStart", "v.period_start", false),
            new CsvColumn("district", "d.code", true),
            new CsvColumn("value", "trim_scale(v.value)", false),
            new CsvColumn("unit", "i.unit", true),
            new CsvColumn("state", "v.state", true),
            new CsvColumn("revision", "v.revision", false),
            new CsvColumn("revisionReason", "v.revision_reason", true),
            new CsvColumn("note", "v.note", true),
            new CsvColumn("deleted", "CASE WHEN v.state = 'WITHDRAWN' THEN 'true' ELSE 'false' END", false),
            new CsvColumn("version", "v.version", false),
            new CsvColumn("updatedAt", "replace(CAST(v.updated_at AT TIME ZONE 'UTC' AS text), ' ', 'T') || 'Z'", false));

    /** The CSV header. */
    public static final List<String> CSV_HEADER = CSV_COLUMNS.stream().map(CsvColumn::header).toList();

    /** The columns of a row in the order of the record, over the joins every list needs. */
    static final String SELECT = "SELECT v.id, i.code AS indicator_code, p.code AS plan_code, CAST(af.code AS text) AS field_code,"
            + " m.code AS measure_code, v.period, v.period_start, d.code AS district_code, v.value, i.unit, v.state,"
            + " v.revision, v.revision_reason, v.note, v.version, v.created_at, v.updated_at";

    static final String FROM = " FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
            + " JOIN plan p ON p.id = i.plan_id LEFT JOIN action_field af ON af.id = i.action_field_id"
            + " LEFT JOIN measure m ON m.id = i.measure_id LEFT JOIN district d ON d.id = v.district_id";

    static ValueRow of(Row row) {
        return new ValueRow(row.uuid("id"), row.text("indicator_code"), row.text("plan_code"), row.text("field_code"),
                row.text("measure_code"), row.text("period"), toDate(row.get("period_start")), row.text("district_code"),
                row.get("value", BigDecimal.class), row.text("unit"), row.text("state"), row.number("revision").intValue(),
                row.text("revision_reason"), row.text("note"), row.number("version"),
                Timestamps.fromColumn(row.get("created_at")), Timestamps.fromColumn(row.get("updated_at")));
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

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
