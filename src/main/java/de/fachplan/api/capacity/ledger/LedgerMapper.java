package de.fachplan.api.capacity.ledger;

import java.time.YearMonth;

import de.fachplan.api.generated.model.CapacityRecordDto;
import de.fachplan.api.generated.model.FacilityStateDto;

/** The monthly capacity ledger on the wire. */
public final class LedgerMapper {

    private LedgerMapper() {
    }

    public static CapacityRecordDto toDto(CapacityRecord record, String facilityCode) {
        var dto = new CapacityRecordDto();
        dto.setFacilityId(record.facilityId);
        dto.setFacilityCode(facilityCode);
        dto.setMonth(YearMonth.from(record.month).toString());
        dto.setState(FacilityStateDto.valueOf(record.state.name()));
        dto.setPlacesAvailable(record.placesAvailable);
        dto.setPlacesBlocked(record.placesBlocked);
        dto.setPersonsHoused(record.personsHoused);
        dto.setOverrideReason(record.overrideReason);
        dto.setVersion(record.version);
        dto.setUpdatedAt(record.updatedAt);
        return dto;
    }
}
