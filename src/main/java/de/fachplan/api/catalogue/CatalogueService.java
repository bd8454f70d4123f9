package de.fachplan.api.catalogue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;

/** The plan's reference data: action fields, guidelines, target groups and districts. */
@ApplicationScoped
public class CatalogueService {

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    WriteHistory history;

    @Transactional
    public Page<ActionField> actionFields(String planRef, PageRequest page) {
        Plan plan = plans.resolve(planRef);
        Page<UUID> ids = new KeysetQuery("action_field f", "f.id")
                .where("f.plan_id = :plan", "plan", plan.id)
                .orderBy(List.of(SortColumn.asc("f.position", ValueKind.INTEGER)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(ActionField.list("id in ?1", ids.items()), ids.items(), f -> f.id),
                ids.nextCursor());
    }

    @Transactional
    public ActionField actionField(String ref, String planRef) {
        return withPlan(Refs.asUuid(ref).flatMap(id -> ActionField.<ActionField>findByIdOptional(id))
                .or(() -> ActionField.<ActionField>find("plan = ?1 and code = ?2", plans.resolve(planRef), ref)
                        .firstResultOptional())
                .orElseThrow(() -> ProblemException.notFound("No action field " + ref + ".")), f -> f.plan);
    }

    @Transactional
    public Page<Guideline> guidelines(String planRef, PageRequest page) {
        Plan plan = plans.resolve(planRef);
        Page<UUID> ids = new KeysetQuery("guideline g", "g.id")
                .where("g.plan_id = :plan", "plan", plan.id)
                .orderBy(List.of(SortColumn.asc("g.position", ValueKind.INTEGER)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(Guideline.list("id in ?1", ids.items()), ids.items(), g -> g.id),
                ids.nextCursor());
    }

    @Transactional
    public Guideline guideline(String ref, String planRef) {
        return withPlan(Refs.asUuid(ref).flatMap(id -> Guideline.<Guideline>findByIdOptional(id))
                .or(() -> Guideline.<Guideline>find("plan = ?1 and code = ?2", plans.resolve(planRef), ref)
                        .firstResultOptional())
                .orElseThrow(() -> ProblemException.notFound("No guideline " + ref + ".")), g -> g.plan);
    }

    @Transactional
    public Page<District> districts(String municipality, PageRequest page) {
        KeysetQuery query = new KeysetQuery("district d", "d.id");
        if (municipality != null) {
            query.where("d.municipality = :municipality", "municipality", municipality);
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.asc("d.kind", ValueKind.TEXT),
                SortColumn.asc("d.name", ValueKind.TEXT))).fetch(em, page);
        return new Page<>(Entities.inOrder(District.list("id in ?1", ids.items()), ids.items(), d -> d.id),
                ids.nextCursor());
    }

    @Transactional
    public District district(String ref) {
        return Refs.asUuid(ref).flatMap(id -> District.<District>findByIdOptional(id))
                .or(() -> District.<District>find("code", ref).firstResultOptional())
                .orElseThrow(() -> ProblemException.notFound("No district " + ref + "."));
    }

    @Transactional
    public Page<TargetGroup> targetGroups(OffsetDateTime modifiedSince, PageRequest page) {
        KeysetQuery query = new KeysetQuery("target_group t", "t.id");
        if (modifiedSince != null) {
            query.where("t.updated_at >= :since", "since", modifiedSince);
        }
        Page<UUID> ids = query
                .orderBy(List.of(SortColumn.asc("t.category", ValueKind.TEXT), SortColumn.asc("t.code", ValueKind.TEXT)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(TargetGroup.list("id in ?1", ids.items()), ids.items(), t -> t.id),
                ids.nextCursor());
    }

    @Transactional
    public TargetGroup targetGroup(String ref) {
        return Refs.asUuid(ref).flatMap(id -> TargetGroup.<TargetGroup>findByIdOptional(id))
                .or(() -> TargetGroup.<TargetGroup>find("code", ref).firstResultOptional())
                .orElseThrow(() -> ProblemException.notFound("No target group " + ref + "."));
    }

    /** The values a target group is created or changed with; {@code null} members stay as they are. */
    public record TargetGroupChange(String code, TargetGroupCategory category, String nameDe, String nameEn,
            boolean descriptionGiven, String descriptionDe, String descriptionEn) {
    }

    @Transactional
    public TargetGroup createTargetGroup(TargetGroupChange change) {
        if (TargetGroup.count("code", change.code()) > 0) {
            throw ProblemException.conflict("A target group with code " + change.code() + " exists already.");
        }
        TargetGroup group = new TargetGroup();
        group.code = change.code();
        apply(group, change);
        group.persistAndFlush();
        history.created(ResourceType.TARGET_GROUP, group.id, group.code, group.version,
                history.snapshot(CatalogueMapper.targetGroup(group)));
        return group;
    }

    @Transactional
    public TargetGroup updateTargetGroup(String ref, String ifMatch, TargetGroupChange change) {
        TargetGroup group = targetGroup(ref);
        ETags.requireMatch(ifMatch, group.version);
        var before = history.snapshot(CatalogueMapper.targetGroup(group));
        apply(group, change);
        em.flush();
        history.updated(ResourceType.TARGET_GROUP, group.id, group.code, group.version, before,
                history.snapshot(CatalogueMapper.targetGroup(group)));
        return group;
    }

    @Transactional
    public void deleteTargetGroup(String ref, String ifMatch) {
        TargetGroup group = targetGroup(ref);
        ETags.requireMatch(ifMatch, group.version);
        Number uses = (Number) em.createNativeQuery("SELECT count(*) FROM measure_target_group WHERE target_group_id = :id")
                .setParameter("id", group.id).getSingleResult();
        if (uses.longValue() > 0) {
            throw ProblemException.conflict("Target group " + group.code + " is used by " + uses + " measures; "
                    + "remove it from them first.");
        }
        history.deleted(ResourceType.TARGET_GROUP, group.id, group.code,
                history.snapshot(CatalogueMapper.targetGroup(group)));
        group.delete();
    }

    /** The DTOs name the plan; load it while the session is open. */
    private static <T> T withPlan(T entity, java.util.function.Function<T, Plan> plan) {
        Hibernate.initialize(plan.apply(entity));
        return entity;
    }

    /** Merge-patch semantics (RFC 7396): nested texts merge member by member; a null description clears it. */
    private static void apply(TargetGroup group, TargetGroupChange change) {
        if (change.descriptionGiven()) {
            List<FieldError> errors = new ArrayList<>();
            FieldChecks.length(errors, "/description/de", change.descriptionDe(), 1, 4000);
            FieldChecks.length(errors, "/description/en", change.descriptionEn(), 1, 4000);
            FieldChecks.throwIfAny(errors);
        }
        if (change.category() != null) {
            group.category = change.category();
        }
        if (change.nameDe() != null) {
            group.nameDe = change.nameDe();
        }
        if (change.nameEn() != null) {
            group.nameEn = change.nameEn();
        }
        if (change.descriptionGiven()) {
            if (change.descriptionDe() == null) {
                group.descriptionDe = null;
                group.descriptionEn = null;
            } else {
                group.descriptionDe = change.descriptionDe();
                if (change.descriptionEn() != null) {
                    group.descriptionEn = change.descriptionEn();
                }
            }
        }
    }
}
