package de.fachplan.api.capacity.figures;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.capacity.facilities.FacilityType;
import de.fachplan.api.catalogue.District;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.time.Period;

/** City-wide figures: allocations, departures, persons housed and places per period. */
@ApplicationScoped
public class CitywideFigureService {

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    WriteHistory history;

    /** A figure as a client sends it. */
    public record FigureInput(String period, String municipality, String district, FacilityType facilityType,
            FigureCounts counts, String source, boolean published) {
    }

    @Transactional
    public Page<CitywideFigure> list(String municipality, YearMonth from, YearMonth to, boolean publishedOnly,
            PageRequest page) {
        KeysetQuery query = new KeysetQuery("citywide_figure c", "c.id");
        if (publishedOnly) {
            query.where("c.published", Map.of());
        }
        if (municipality != null) {
            query.where("c.municipality = :municipality", "municipality", municipality);
        }
        if (from != null) {
            query.where("c.period_end >= :from", "from", from.atDay(1));
        }
        if (to != null) {
            query.where("c.period_start <= :to", "to", to.atDay(1));
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.asc("c.period_start", ValueKind.DATE),
                SortColumn.desc("c.period_end", ValueKind.DATE))).fetch(em, page);
        return new Page<>(Entities.inOrder(CitywideFigure.list("id in ?1", ids.items()), ids.items(), f -> f.id),
                ids.nextCursor());
    }

    @Transactional
    public CitywideFigure get(UUID id) {
        return CitywideFigure.<CitywideFigure>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No city-wide figure " + id + "."));
    }

    @Transactional
    public CitywideFigure create(FigureInput input) {
        CitywideFigure figure = new CitywideFigure();
        Period period = period(input);
        figure.municipality = input.municipality() != null ? input.municipality() : plans.resolve(null).municipality;
        figure.period = period.toString();
        figure.granularity = period.granularity();
        figure.periodStart = period.first().atDay(1);
        figure.periodEnd = period.last().atDay(1);
        figure.district = district(input.district(), figure.municipality);
        figure.facilityType = input.facilityType();
        long existing = CitywideFigure.count("municipality = ?1 and period = ?2 and district is not distinct from ?3"
                + " and facilityType is not distinct from ?4", figure.municipality, figure.period, figure.district,
                figure.facilityType);
        if (existing > 0) {
            throw ProblemException.conflict("A figure for " + figure.period + (figure.district == null ? ""
                    : " in " + figure.district.code) + " exists already; correct it with PUT.");
        }
        values(figure, input);
        figure.persistAndFlush();
        history.created(ResourceType.CITYWIDE_FIGURE, figure.id, figure.period, figure.version,
                history.snapshot(FigureMapper.toDto(figure)));
        return figure;
    }

    @Transactional
    public CitywideFigure replace(UUID id, String ifMatch, FigureInput input) {
        CitywideFigure figure = get(id);
        ETags.requireMatch(ifMatch, figure.version);
        Period period = period(input);
        List<FieldError> errors = new ArrayList<>();
        if (!period.toString().equals(figure.period)) {
            errors.add(new FieldError("/period", "stays " + figure.period + "; record another period with POST"));
        }
        if (input.municipality() != null && !input.municipality().equals(figure.municipality)) {
            errors.add(new FieldError("/municipality", "stays " + figure.municipality));
        }
        if (!Objects.equals(input.district(), figure.district == null ? null : figure.district.code)) {
            errors.add(new FieldError("/district", "stays as recorded"));
        }
        if (input.facilityType() != figure.facilityType) {
            errors.add(new FieldError("/facilityType", "stays as recorded"));
        }
        FieldChecks.throwIfAny(errors);
        var before = history.snapshot(FigureMapper.toDto(figure));
        values(figure, input);
        em.flush();
        history.updated(ResourceType.CITYWIDE_FIGURE, figure.id, figure.period, figure.version, before,
                history.snapshot(FigureMapper.toDto(figure)));
        return figure;
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        CitywideFigure figure = get(id);
        ETags.requireMatch(ifMatch, figure.version);
        history.deleted(ResourceType.CITYWIDE_FIGURE, figure.id, figure.period, history.snapshot(FigureMapper.toDto(figure)));
        figure.delete();
    }

    private static Period period(FigureInput input) {
        return Period.parse(input.period()).orElseThrow(() -> ProblemException.invalid(
                List.of(new FieldError("/period", Period.EXPECTED))));
    }

    private static District district(String code, String municipality) {
        if (code == null) {
            return null;
        }
        return District.<District>find("code = ?1 and municipality = ?2", code, municipality).firstResultOptional()
                .orElseThrow(() -> ProblemException.invalid(
                        List.of(new FieldError("/district", "no district " + code + " in " + municipality))));
    }

    private static void values(CitywideFigure figure, FigureInput input) {
        FigureCounts counts = input.counts();
        if (counts.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("",
                    "needs at least one of allocations, departures, personsHoused, places")));
        }
        figure.allocations = counts.allocations();
        figure.departures = counts.departures();
        figure.personsHoused = counts.personsHoused();
        if (input.published() && (input.source() == null || input.source().isBlank())) {
            throw ProblemException.invalid(List.of(new FieldError("/source",
                    "is needed for a published figure: name the publication")));
        }
        figure.places = counts.places();
        figure.source = input.source();
        figure.published = input.published();
    }
}
