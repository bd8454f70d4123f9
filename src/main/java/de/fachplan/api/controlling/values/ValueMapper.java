package de.fachplan.api.controlling.values;

import java.time.ZoneOffset;
import java.util.List;

import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.text.Numbers;
import de.fachplan.api.generated.model.IndicatorValueBatchDto;
import de.fachplan.api.generated.model.IndicatorValueCreateDto;
import de.fachplan.api.generated.model.IndicatorValuePatchDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionListDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;

/** Indicator values between the wire and the service; a value itself is written by {@link ValueRow#toDto}. */
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

    public static IndicatorValueRevisionListDto toDto(List<IndicatorValueService.Revision> revisions) {
        IndicatorValueRevisionListDto body = new IndicatorValueRevisionListDto();
        body.setItems(revisions.stream().map(r -> {
            IndicatorValueRevisionDto dto = new IndicatorValueRevisionDto();
            dto.setRevision(r.revision());
            dto.setValue(Numbers.plain(r.value()));
            dto.setState(IndicatorValueStateDto.fromValue(r.state()));
            dto.setReason(r.reason());
            dto.setNote(r.note());
            dto.setRecordedAt(r.recordedAt().withOffsetSameInstant(ZoneOffset.UTC));
            dto.setRecordedBy(r.recordedBy());
            dto.setApprovedAt(r.approvedAt() == null ? null : r.approvedAt().withOffsetSameInstant(ZoneOffset.UTC));
            dto.setApprovedBy(r.approvedBy());
            return dto;
        }).toList());
        return body;
    }

    public static ValueState state(IndicatorValueStateDto state) {
        return ValueState.valueOf(state.name());
    }
}
