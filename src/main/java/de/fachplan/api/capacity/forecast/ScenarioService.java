package de.fachplan.api.capacity.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;

/** Forecast scenarios and their versions; a version, once issued, is never changed. */
@ApplicationScoped
public class ScenarioService {

    private static final String LATEST = "s.version = (SELECT max(l.version) FROM forecast_scenario l"
            + " WHERE l.plan_id = s.plan_id AND l.code = s.code)";

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    Caller caller;

    @Inject
    WriteHistory history;

    /** A version's content; {@code null} members of a new version take the previous version's. */
    public record VersionInput(String name, String description, CapacityForecast.Parameters parameters,
            LocalDate issuedOn, Boolean illustrative) {
    }

    @Transactional
    public Page<ForecastScenario> latest(String planRef, PageRequest page) {
        Plan plan = plans.resolve(planRef);
        Page<UUID> ids = new KeysetQuery("forecast_scenario s", "s.id").where("s.plan_id = :plan", "plan", plan.id)
                .where(LATEST, Map.of())
                .orderBy(List.of(SortColumn.asc("s.code", ValueKind.TEXT))).fetch(em, page);
        return load(ids);
    }

    /** Every scenario of the plan in its latest version, for the shortfall overview. */
    @Transactional
    public List<ForecastScenario> allLatest(Plan plan) {
        return ForecastScenario.list("plan = ?1 and version = (select max(l.version) from ForecastScenario l"
                + " where l.plan = ?1 and l.code = code) order by code", plan);
    }

    @Transactional
    public Page<ForecastScenario> versions(String code, String planRef, PageRequest page) {
        Plan plan = plans.resolve(planRef);
        requireExists(plan, code);
        Page<UUID> ids = new KeysetQuery("forecast_scenario s", "s.id").where("s.plan_id = :plan", "plan", plan.id)
                .where("s.code = :code", "code", code)
                .orderBy(List.of(SortColumn.asc("s.version", ValueKind.INTEGER))).fetch(em, page);
        return load(ids);
    }

    /** The latest version, the one named, or the latest issued on or before {@code asOf}. */
    @Transactional
    public ForecastScenario get(String code, String planRef, Integer version, LocalDate asOf) {
        return get(code, plans.resolve(planRef), version, asOf);
    }

    /** The same within a plan the caller has resolved already. */
    @Transactional
    public ForecastScenario get(String code, Plan plan, Integer version, LocalDate asOf) {
        ForecastScenario found;
        if (version != null) {
            found = ForecastScenario.<ForecastScenario>find("plan = ?1 and code = ?2 and version = ?3", plan, code, version)
                    .firstResult();
        } else if (asOf != null) {
            found = ForecastScenario.<ForecastScenario>find(
                    "plan = ?1 and code = ?2 and issuedOn <= ?3 order by version desc", plan, code, asOf).firstResult();
        } else {
            found = ForecastScenario.<ForecastScenario>find("plan = ?1 and code = ?2 order by version desc", plan, code)
                    .firstResult();
        }
        if (found == null) {
            throw ProblemException.notFound("No forecast scenario " + code
                    + (version != null ? " version " + version : asOf != null ? " issued by " + asOf : "")
                    + " in plan " + plan.code + ".");
        }
        return found;
    }

    @Transactional
    public ForecastScenario create(String planRef, String code, VersionInput input) {
        Plan plan = plans.resolve(planRef);
        if (ForecastScenario.count("plan = ?1 and code = ?2", plan, code) > 0) {
            throw ProblemException.conflict("Plan " + plan.code + " has a scenario " + code
                    + " already; issue a new version of it instead.");
        }
        return persist(plan, code, 1, input);
    }

    @Transactional
    public ForecastScenario newVersion(String code, String planRef, VersionInput input) {
        Plan plan = plans.resolve(planRef);
        ForecastScenario previous = get(code, plan, null, null);
        LocalDate issuedOn = input.issuedOn() != null ? input.issuedOn() : Timestamps.now().toLocalDate();
        if (issuedOn.isBefore(previous.issuedOn)) {
            throw ProblemException.invalid(List.of(new FieldError("/issuedOn",
                    "must not be before version " + previous.version + "'s " + previous.issuedOn)));
        }
        return persist(plan, code, previous.version + 1, new VersionInput(
                input.name() != null ? input.name() : previous.name,
                input.description() != null ? input.description() : previous.description,
                input.parameters(), issuedOn,
                input.illustrative() != null ? input.illustrative() : previous.illustrative));
    }

    private ForecastScenario persist(Plan plan, String code, int version, VersionInput input) {
        ForecastScenario scenario = new ForecastScenario();
        scenario.plan = plan;
        scenario.code = code;
        scenario.version = version;
        scenario.name = input.name();
        scenario.description = input.description();
        scenario.monthlyAllocations = input.parameters().monthlyAllocations();
        scenario.departureRate = input.parameters().departureRate();
        scenario.targetOccupancy = input.parameters().targetOccupancy();
        scenario.reserveShare = input.parameters().reserveShare();
        scenario.issuedOn = input.issuedOn() != null ? input.issuedOn() : Timestamps.now().toLocalDate();
        scenario.illustrative = Boolean.TRUE.equals(input.illustrative());
        scenario.createdBy = caller.displayName();
        scenario.persistAndFlush();
        history.created(ResourceType.FORECAST_SCENARIO, scenario.id, code + "@" + version, version,
                history.snapshot(ForecastMapper.toDto(scenario)));
        return scenario;
    }

    private static void requireExists(Plan plan, String code) {
        if (ForecastScenario.count("plan = ?1 and code = ?2", plan, code) == 0) {
            throw ProblemException.notFound("No forecast scenario " + code + " in plan " + plan.code + ".");
        }
    }

    private static Page<ForecastScenario> load(Page<UUID> ids) {
        return new Page<>(Entities.inOrder(ForecastScenario.list("id in ?1", ids.items()), ids.items(), s -> s.id),
                ids.nextCursor());
    }
}
