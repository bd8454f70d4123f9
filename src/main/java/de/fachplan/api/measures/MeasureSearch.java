package de.fachplan.api.measures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import de.fachplan.api.common.cache.DataChanges;
import de.fachplan.api.common.cache.KeptReads;
import de.fachplan.api.common.cache.ReadCacheConfig;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.generated.model.MeasureDto;

/**
 * Finds measures. Filtering, visibility, full-text search, keyset paging and the relations of
 * every row happen in one SQL statement whose rows are mapped straight to the representation
 * ({@link MeasureMapper#toDto(Row, Viewer)}): the public read path loads no entity.
 */
@ApplicationScoped
class MeasureSearch {

    /** A partner's own reference as a measure ref: {@code ext:SP-7}. */
    static final String EXTERNAL_PREFIX = "ext:";

    /** A single measure is read like a page of one; it has no next page, so no cursor. */
    private static final PageRequest ONE = new PageRequest(1, null, "one");

    @Inject
    EntityManager em;

    private final KeptReads<Seen, MeasureDto> seen;

    @Inject
    MeasureSearch(DataChanges changes, ReadCacheConfig config) {
        this.seen = new KeptReads<>(changes, config, config.maxRows());
    }

    /**
     * The columns of one measure as {@link MeasureMapper} reads them, for the rows of a CTE
     * {@code page} with the measure's id in {@code page_id}. The relations come as arrays in the
     * same row; each partner as {@code id|role|name} (ids and roles hold no {@code |}). Only a
     * partner organisation sees its own external reference.
     */
    private static String rows(Viewer viewer) {
        return ROWS.replace("$externalReference", viewer.organisationId() == null ? "CAST(NULL AS varchar)"
                : "(SELECT r.reference FROM measure_external_reference r"
                        + " WHERE r.measure_id = m.id AND r.organisation_id = :viewer)");
    }

    private static final String ROWS = """
            SELECT page.*, m.id, m.code, pl.code AS plan_code, af.code AS action_field_code, m.title, m.description,
                   m.status, m.progress, m.planned_start, m.planned_end, m.illustrative, m.public, m.status_note,
                   m.version, m.created_at, m.updated_at, lo.id AS lead_id, lo.name AS lead_name,
                   ARRAY(SELECT g.code FROM measure_guideline mg JOIN guideline g ON g.id = mg.guideline_id
                         WHERE mg.measure_id = m.id ORDER BY g.position) AS guidelines,
                   ARRAY(SELECT t.code FROM measure_target_group mt JOIN target_group t ON t.id = mt.target_group_id
                         WHERE mt.measure_id = m.id) AS target_groups,
                   ARRAY(SELECT d.code FROM measure_district md JOIN district d ON d.id = md.district_id
                         WHERE md.measure_id = m.id) AS districts,
                   ARRAY(SELECT o.id || '|' || mp.role || '|' || o.name FROM measure_partner mp
                         JOIN organisation o ON o.id = mp.organisation_id WHERE mp.measure_id = m.id) AS partners,
                   $externalReference AS external_reference
            FROM page JOIN measure m ON m.id = page.page_id
                 JOIN plan pl ON pl.id = m.plan_id
                 JOIN action_field af ON af.id = m.action_field_id
                 LEFT JOIN organisation lo ON lo.id = m.lead_organisation_id
            """;

    /**
     * A page of the list, as the viewer sees it. While memory may answer, the page's ids come from
     * the database and its measures from {@link #seen} where an earlier page read them in this
     * generation; the others are read in full in one more statement. Otherwise the whole page is
     * one statement.
     */
    Page<MeasureDto> list(MeasureFilter filter, PageRequest page, Viewer viewer) {
        KeysetQuery query = query(filter, viewer);
        if (!seen.usable()) {
            return query.fetchRows(em, page, rows(viewer), row -> MeasureMapper.toDto(row, viewer));
        }
        long generation = seen.generation();
        Page<UUID> ids = query.fetch(em, page);
        Map<UUID, MeasureDto> found = new HashMap<>();
        List<UUID> unseen = new ArrayList<>();
        for (UUID id : ids.items()) {
            MeasureDto kept = seen.find(new Seen(id, viewer));
            if (kept == null) {
                unseen.add(id);
            } else {
                found.put(id, kept);
            }
        }
        if (!unseen.isEmpty()) {
            // Visibility again in this statement: a measure hidden since the ids were read stays hidden.
            KeysetQuery byId = new KeysetQuery("measure m", "m.id");
            bindViewer(byId, viewer);
            visibleTo(byId, viewer);
            byId.where("m.id IN (:unseen)", "unseen", unseen);
            for (MeasureDto read : byId.fetchRows(em, new PageRequest(unseen.size(), null, "unseen"), rows(viewer),
                    row -> MeasureMapper.toDto(row, viewer)).items()) {
                found.put(read.getId(), read);
                seen.keep(new Seen(read.getId(), viewer), generation, read);
            }
        }
        // A measure deleted or hidden between the two statements is simply no longer on the page.
        return new Page<>(ids.items().stream().map(found::get).filter(Objects::nonNull).toList(), ids.nextCursor());
    }

    /** A measure as one viewer sees it: what a kept row depends on besides the data. */
    private record Seen(UUID measure, Viewer viewer) {
    }

    /**
     * One measure by id, by code within the plan, or ({@code ext:...}) by the viewer's own
     * external reference; empty if it does not exist or the viewer may not see it.
     */
    Optional<MeasureDto> one(String ref, String planRef, Viewer viewer) {
        KeysetQuery query = new KeysetQuery("measure m", "m.id");
        bindViewer(query, viewer);
        visibleTo(query, viewer);
        if (ref.startsWith(EXTERNAL_PREFIX)) {
            if (viewer.organisationId() == null) {
                return Optional.empty();
            }
            query.where("m.id = (SELECT r.measure_id FROM measure_external_reference r"
                    + " WHERE r.organisation_id = :viewer AND r.reference = :reference)",
                    "reference", ref.substring(EXTERNAL_PREFIX.length()));
        } else {
            Optional<UUID> id = Refs.asUuid(ref);
            if (id.isPresent()) {
                query.where("m.id = :id", "id", id.get());
            } else {
                inPlan(query, planRef);
                query.where("m.code = :code", "code", ref);
            }
        }
        return query.fetchRows(em, ONE, rows(viewer), row -> MeasureMapper.toDto(row, viewer)).items().stream().findFirst();
    }

    private KeysetQuery query(MeasureFilter filter, Viewer viewer) {
        KeysetQuery query = new KeysetQuery("measure m JOIN action_field af ON af.id = m.action_field_id", "m.id");
        bindViewer(query, viewer);
        inPlan(query, filter.plan());
        visibleTo(query, viewer);
        MeasureFilter.Classification filed = filter.classification();
        if (filed.actionField() != null) {
            query.where("af.code = :actionField", "actionField", filed.actionField());
        }
        if (filed.status() != null) {
            query.where("m.status = :status", "status", filed.status().name());
        }
        if (filed.targetGroup() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_target_group mt JOIN target_group t ON t.id = mt.target_group_id"
                    + " WHERE mt.measure_id = m.id AND t.code = :targetGroup)", "targetGroup", filed.targetGroup());
        }
        if (filed.guideline() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_guideline mg JOIN guideline g ON g.id = mg.guideline_id"
                    + " WHERE mg.measure_id = m.id AND g.code = :guideline)", "guideline", filed.guideline());
        }
        if (filed.district() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_district md JOIN district d ON d.id = md.district_id"
                    + " WHERE md.measure_id = m.id AND d.code = :district)", "district", filed.district());
        }
        if (filed.organisation() != null) {
            query.where("(m.lead_organisation_id = :organisation OR EXISTS (SELECT 1 FROM measure_partner mp"
                    + " WHERE mp.measure_id = m.id AND mp.organisation_id = :organisation))",
                    "organisation", filed.organisation());
        }
        boolean searching = filter.q() != null && !filter.q().isBlank();
        if (searching) {
            GermanSearch.Condition search = GermanSearch.condition(filter.q());
            query.where(search.sql(), search.parameters());
        }
        if (filter.modifiedSince() != null) {
            query.where("m.updated_at >= :modifiedSince", "modifiedSince", filter.modifiedSince());
        }
        if (searching && (filter.sort() == null || filter.sort().isBlank())) {
            query.parameter("searchText", filter.q());
            query.orderBy(List.of(SortColumn.asc(GermanSearch.rank(), ValueKind.INTEGER)));
        }
        return query.orderBy(order(filter.sort()));
    }

    /**
     * The plan a code is resolved in: the named one (by code or id), by default the most recently
     * adopted. An unknown plan matches nothing here; {@link MeasureService} then tells it apart.
     */
    private static void inPlan(KeysetQuery query, String planRef) {
        if (planRef == null || planRef.isBlank()) {
            query.where("m.plan_id = (SELECT p.id FROM plan p ORDER BY p.adopted_on DESC, p.id LIMIT 1)", Map.of());
        } else {
            Optional<UUID> id = Refs.asUuid(planRef);
            if (id.isPresent()) {
                query.where("m.plan_id = (SELECT p.id FROM plan p WHERE p.id = :planId OR p.code = :planRef"
                        + " ORDER BY p.id = :planId DESC LIMIT 1)", Map.of("planId", id.get(), "planRef", planRef));
            } else {
                query.where("m.plan_id = (SELECT p.id FROM plan p WHERE p.code = :planRef)", "planRef", planRef);
            }
        }
    }

    private static void bindViewer(KeysetQuery query, Viewer viewer) {
        if (viewer.organisationId() != null) {
            query.parameter("viewer", viewer.organisationId());
        }
    }

    /** What {@link Viewer#sees} decides for one entity, as a condition on the rows. */
    private static void visibleTo(KeysetQuery query, Viewer viewer) {
        if (!viewer.staff() && viewer.organisationId() == null) {
            query.where("m.public", Map.of());
        } else if (!viewer.staff()) {
            query.where("(m.public OR m.lead_organisation_id = :viewer OR EXISTS (SELECT 1 FROM measure_partner vp"
                    + " WHERE vp.measure_id = m.id AND vp.organisation_id = :viewer))", Map.of());
        }
    }

    /** The documented sort whitelist: code (field order, then number), title, createdAt, updatedAt. */
    static List<SortColumn> order(String sort) {
        List<SortColumn> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String key : (sort == null || sort.isBlank() ? "code" : sort).split(",")) {
            boolean descending = key.startsWith("-");
            String name = descending ? key.substring(1) : key;
            if (!seen.add(name)) {
                throw ProblemException.badRequest("#/query/sort", "names " + name + " twice");
            }
            switch (name) {
                case "code" -> {
                    columns.add(SortColumn.asc("af.position", ValueKind.INTEGER).reversed(descending));
                    columns.add(SortColumn.asc("m.number", ValueKind.INTEGER).reversed(descending));
                }
                case "title" -> columns.add(SortColumn.asc("m.title", ValueKind.TEXT).reversed(descending));
                case "createdAt" -> columns.add(SortColumn.asc("m.created_at", ValueKind.TIMESTAMP).reversed(descending));
                case "updatedAt" -> columns.add(SortColumn.asc("m.updated_at", ValueKind.TIMESTAMP).reversed(descending));
                default -> throw ProblemException.badRequest("#/query/sort",
                        "allows code, title, createdAt and updatedAt, each optionally with a leading -");
            }
        }
        return columns;
    }
}
