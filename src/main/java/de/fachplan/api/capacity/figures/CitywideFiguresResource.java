package de.fachplan.api.capacity.figures;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.generated.api.CitywideFiguresApi;
import de.fachplan.api.generated.model.CitywideFigureDto;
import de.fachplan.api.generated.model.CitywideFigureInputDto;
import de.fachplan.api.generated.model.CitywideFigurePageDto;

/** City-wide figures; everyone reads the published ones, staff also the rest. */
public class CitywideFiguresResource implements CitywideFiguresApi {

    @Inject
    CitywideFigureService figures;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @Override
    public RestResponse<CitywideFigurePageDto> listCitywideFigures(String municipality, String from, String to,
            Integer limit, String cursor) {
        boolean publishedOnly = !caller.isStaff();
        Page<CitywideFigure> page = figures.list(municipality, Period.month(from), Period.month(to), publishedOnly,
                PageRequest.of(limit, cursor, "citywide-figures:" + municipality + ":" + from + ":" + to + ":"
                        + publishedOnly));
        CitywideFigurePageDto body = new CitywideFigurePageDto();
        body.setItems(page.items().stream().map(FigureMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<CitywideFigureDto> createCitywideFigure(CitywideFigureInputDto request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createCitywideFigure", request,
                CitywideFigureDto.class, () -> {
                    CitywideFigure figure = figures.create(FigureMapper.fromDto(request));
                    return new Idempotency.Outcome<>(FigureMapper.toDto(figure),
                            URI.create("citywide-figures/" + figure.id), ETags.of(figure.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<CitywideFigureDto> replaceCitywideFigure(UUID figureId,
            String ifMatch, CitywideFigureInputDto request) {
        CitywideFigure figure = figures.replace(figureId, ifMatch, FigureMapper.fromDto(request));
        return Responses.withETag(FigureMapper.toDto(figure), figure.version);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<Void> deleteCitywideFigure(UUID figureId, String ifMatch) {
        figures.delete(figureId, ifMatch);
        return RestResponse.noContent();
    }
}
