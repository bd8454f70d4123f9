package de.fachplan.api.controlling.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.ControllingReportApi;
import de.fachplan.api.generated.model.ControllingReportDto;

/** The controlling report: on track, at risk or off track per plan, action field, measure and indicator. */
public class ControllingReportResource implements ControllingReportApi {

    @Inject
    ControllingReports reports;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME })
    @CachedRepresentation
    public RestResponse<ControllingReportDto> getControllingReport(String period, String plan, String ifNoneMatch) {
        return RestResponse.ok(ReportMapper.toDto(reports.report(plan, period)));
    }
}
