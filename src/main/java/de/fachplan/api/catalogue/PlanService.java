package de.fachplan.api.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Finds plans. Codes in paths resolve within a plan; without one the most recently adopted plan
 * is meant, so that a city that adopts a successor plan does not break existing links to it.
 */
@ApplicationScoped
public class PlanService {

    @Inject
    EntityManager em;

    @Transactional
    public Plan resolve(String planRef) {
        if (planRef == null || planRef.isBlank()) {
            return Plan.<Plan>find("order by adoptedOn desc, id").firstResultOptional()
                    .orElseThrow(() -> ProblemException.notFound("No plan exists yet."));
        }
        return find(planRef).orElseThrow(() -> ProblemException.notFound("No plan " + planRef + "."));
    }

    /** A plan named in a request body: an unknown one is an invalid member (422), not a missing resource. */
    @Transactional
    public Plan resolveMember(String planRef, String pointer) {
        if (planRef == null || planRef.isBlank()) {
            return resolve(null);
        }
        return find(planRef).orElseThrow(() -> ProblemException.invalid(List.of(new FieldError(pointer, "no plan " + planRef))));
    }

    private static Optional<Plan> find(String planRef) {
        return Refs.asUuid(planRef).flatMap(id -> Plan.<Plan>findByIdOptional(id))
                .or(() -> Plan.<Plan>find("code", planRef).firstResultOptional());
    }

    @Transactional
    public Page<Plan> list(PageRequest page) {
        Page<UUID> ids = new KeysetQuery("plan p", "p.id")
                .orderBy(List.of(SortColumn.desc("p.adopted_on", SortColumn.ValueKind.DATE)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(Plan.list("id in ?1", ids.items()), ids.items(), p -> p.id),
                ids.nextCursor());
    }
}
