package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.generated.model.IndicatorValueBatchDto;
import de.fachplan.api.generated.model.IndicatorValueCreateDto;
import de.fachplan.api.generated.model.IndicatorValuePatchDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionListDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;

/** Indicator values between the wire and the service; a value itself is written by {@link ValueRow#of}. */
public final class ValueMapper {

    private ValueMapper() {
    }

    /** A value created on its own starts as a draft unless the request says otherwise. */
    public static IndicatorValueService.NewValue fromCreate(IndicatorValueCreateDto request) {
        return new IndicatorValueService.NewValue(request.getIndicator(), request.getPeriod(), request.getDistrict(),
                request.getValue(), request.getNote(), request.getState() == null ? ValueState.DRAFT : ValueState.valueOf(request.getState().value()));
    }

    public static IndicatorValueService.ValueChange fromPatch(IndicatorValuePatchDto patch) {
        return new IndicatorValueService.ValueChange(patch.getValue(),
                Patch.of(patch.getNote()),
                patch.getState() == null ? null : ValueState.valueOf(patch.getState().value()));
    }

    public static List<ValueBatches.Item> fromBatch(IndicatorValueBatchDto batch) {
        return batch.getItems().stream().map(item -> new ValueBatches.Item(item.getReference(), null,
                new IndicatorValueService.NewValue(item.getIndicator(), item.getPeriod(), item.getDistrict(),
                        item.getValue(), item.getNote(), item.getState() == null ? null : ValueState.valueOf(item.getState().value()))))
                .toList();
    }

    public static IndicatorValueRevisionListDto toDto(List<IndicatorValueRevisionDto> revisions) {
        IndicatorValueRevisionListDto body = new IndicatorValueRevisionListDto();
        body.setItems(revisions);
        return body;
    }

    /** An earlier revision, as {@code indicator_value_revision} keeps it. */
    static IndicatorValueRevisionDto revision(Row row) {
        IndicatorValueRevisionDto dto = new IndicatorValueRevisionDto();
        dto.setRevision(row.number("revision").intValue());
        dto.setValue(Numbers.plain(row.get("value", BigDecimal.class)));
        dto.setState(IndicatorValueStateDto.fromValue(row.text("state")));
        dto.setReason(row.text("reason"));
        dto.setNote(row.text("note"));
        dto.setRecordedAt(utc(Timestamps.fromColumn(row.get("recorded_at"))));
        dto.setRecordedBy(row.text("recorded_by"));
        dto.setApprovedAt(row.get("approved_at") == null ? null : utc(Timestamps.fromColumn(row.get("approved_at"))));
        dto.setApprovedBy(row.text("approved_by"));
        return dto;
    }

    /** The current revision of a value. */
    static IndicatorValueRevisionDto revision(IndicatorValue value) {
        IndicatorValueRevisionDto dto = new IndicatorValueRevisionDto();
        dto.setRevision(value.revision);
        dto.setValue(Numbers.plain(value.value));
        dto.setState(IndicatorValueStateDto.fromValue(value.state.name()));
        dto.setReason(value.revisionReason);
        dto.setNote(value.note);
        dto.setRecordedAt(utc(value.recordedAt));
        dto.setRecordedBy(value.recordedBy);
        dto.setApprovedAt(value.approvedAt == null ? null : utc(value.approvedAt));
        dto.setApprovedBy(value.approvedBy);
        return dto;
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public static ValueState state(IndicatorValueStateDto state) {
        return ValueState.valueOf(state.name());
    }
}
