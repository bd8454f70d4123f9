package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;

/**
 * One reported value as lists show it: read with {@link #SELECT} over {@link #FROM}, or from the
 * entity, straight into the wire form. Also the columns of the CSV export over the same tables
 * ({@link #CSV_COLUMNS}), which the database writes as text.
 */
public final class ValueRow {

    private ValueRow() {
    }

    /**
     * Where the export computes a column's field: once for each indicator or district it selects,
     * since every value of one shows the same text there, or for each row.
     */
    enum Scope {
        INDICATOR, DISTRICT, ROW
    }

    /**
     * A column of the CSV export: its header, where its field is computed ({@code scope}), the value
     * it shows over {@link #FROM} ({@code source}), the SQL whose text is that value as the JSON list
     * shows it, over the source's value in place of {@code %s} ({@code field}: numbers without
     * trailing zeros; dates and times as the ISO date style that the JDBC driver holds every session
     * to writes them, which leaves no trailing zeros in fractions), and whether it is text a
     * spreadsheet could run as a formula. The export sorts the sources of a row's fields and formats
     * them after the sort, so the two are apart.
     */
    record CsvColumn(String header, Scope scope, String source, String field, boolean text) {

        static CsvColumn text(String header, String source) {
            return new CsvColumn(header, Scope.ROW, source, "%s", true);
        }

        static CsvColumn indicatorText(String header, String source) {
            return new CsvColumn(header, Scope.INDICATOR, source, "%s", true);
        }

        static CsvColumn districtText(String header, String source) {
            return new CsvColumn(header, Scope.DISTRICT, source, "%s", true);
        }

        static CsvColumn value(String header, String source) {
            return new CsvColumn(header, Scope.ROW, source, "%s", false);
        }

        static CsvColumn formatted(String header, String source, String field) {
            return new CsvColumn(header, Scope.ROW, source, field, false);
        }
    }

    /** The CSV export's columns over {@link #FROM}; {@code IndicatorExportTest} holds them to the JSON list. */
    static final List<CsvColumn> CSV_COLUMNS = List.of(
            CsvColumn.value("id", "v.id"),
            CsvColumn.indicatorText("indicator", "i.code"),
            CsvColumn.indicatorText("plan", "p.code"),
            CsvColumn.indicatorText("actionField", "af.code"),
            CsvColumn.indicatorText("measure", "m.code"),
            CsvColumn.text("period", "v.period"),
            CsvColumn.value("periodStart", "v.period_start"),
            CsvColumn.districtText("district", "d.code"),
            CsvColumn.formatted("value", "v.value", "trim_scale(%s)"),
            CsvColumn.indicatorText("unit", "i.unit"),
            CsvColumn.text("state", "v.state"),
            CsvColumn.value("revision", "v.revision"),
            CsvColumn.text("revisionReason", "v.revision_reason"),
            CsvColumn.text("note", "v.note"),
            CsvColumn.formatted("deleted", "v.state", "CASE WHEN %s = 'WITHDRAWN' THEN 'true' ELSE 'false' END"),
            CsvColumn.value("version", "v.version"),
            CsvColumn.formatted("updatedAt", "v.updated_at", "replace(CAST(%s AT TIME ZONE 'UTC' AS text), ' ', 'T') || 'Z'"));

    /** The CSV header. */
    public static final List<String> CSV_HEADER = CSV_COLUMNS.stream().map(CsvColumn::header).toList();

    /** The columns of a row in the order of the record, over the joins every list needs. */
    static final String SELECT = "SELECT v.id, i.code AS indicator_code, p.code AS plan_code, CAST(af.code AS text) AS field_code,"
            + " m.code AS measure_code, v.period, v.period_start, d.code AS district_code, v.value, i.unit, v.state,"
            + " v.revision, v.revision_reason, v.note, v.version, v.created_at, v.updated_at";

    /** The tables of an indicator in {@link #FROM}, with the same aliases. */
    static final String INDICATORS = " FROM indicator i JOIN plan p ON p.id = i.plan_id"
            + " LEFT JOIN action_field af ON af.id = i.action_field_id LEFT JOIN measure m ON m.id = i.measure_id";

    static final String FROM = " FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
            + " JOIN plan p ON p.id = i.plan_id LEFT JOIN action_field af ON af.id = i.action_field_id"
            + " LEFT JOIN measure m ON m.id = i.measure_id LEFT JOIN district d ON d.id = v.district_id";

    static IndicatorValueDto of(Row row) {
        var dto = new IndicatorValueDto();
        dto.setId(row.uuid("id"));
        dto.setIndicator(row.text("indicator_code"));
        dto.setPlan(row.text("plan_code"));
        dto.setActionField(row.text("field_code"));
        dto.setMeasure(row.text("measure_code"));
        dto.setPeriod(row.text("period"));
        dto.setPeriodStart(toDate(row.get("period_start")));
        dto.setDistrict(row.text("district_code"));
        dto.setValue(Numbers.plain(row.get("value", BigDecimal.class)));
        dto.setUnit(IndicatorUnitDto.fromValue(row.text("unit")));
        dto.setState(IndicatorValueStateDto.fromValue(row.text("state")));
        dto.setRevision(row.number("revision").intValue());
        dto.setRevisionReason(row.text("revision_reason"));
        dto.setNote(row.text("note"));
        dto.setVersion(row.number("version"));
        return times(dto, Timestamps.fromColumn(row.get("created_at")), Timestamps.fromColumn(row.get("updated_at")));
    }

    static IndicatorValueDto of(IndicatorValue v) {
        Indicator i = v.indicator;
        var dto = new IndicatorValueDto();
        dto.setId(v.id);
        dto.setIndicator(i.code);
        dto.setPlan(i.plan.code);
        dto.setActionField(i.actionField == null ? null : i.actionField.code);
        dto.setMeasure(i.measure == null ? null : i.measure.code);
        dto.setPeriod(v.period);
        dto.setPeriodStart(v.periodStart);
        dto.setDistrict(v.district == null ? null : v.district.code);
        dto.setValue(Numbers.plain(v.value));
        dto.setUnit(IndicatorUnitDto.fromValue(i.unit.name()));
        dto.setState(IndicatorValueStateDto.fromValue(v.state.name()));
        dto.setRevision(v.revision);
        dto.setRevisionReason(v.revisionReason);
        dto.setNote(v.note);
        dto.setVersion(v.version);
        return times(dto, v.createdAt, v.updatedAt);
    }

    /** The members set the same way from either source: times in UTC, and whether the value is withdrawn. */
    private static IndicatorValueDto times(IndicatorValueDto dto, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        dto.setDeleted(dto.getState() == IndicatorValueStateDto.WITHDRAWN);
        dto.setCreatedAt(createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setUpdatedAt(updatedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
