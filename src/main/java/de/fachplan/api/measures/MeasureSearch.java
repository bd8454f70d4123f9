package de.fachplan.api.measures;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Finds the ids of a page of measures. Filtering, full-text search and keyset paging happen in
 * one SQL statement; the entities and their relations are loaded afterwards in batches.
 */
@ApplicationScoped
class MeasureSearch {

    @Inject
    EntityManager em;

    Page<UUID> find(Plan plan, MeasureFilter filter, PageRequest page, Viewer viewer) {
        KeysetQuery query = new KeysetQuery("measure m JOIN action_field af ON af.id = m.action_field_id", "m.id")
                .where("m.plan_id = :plan", "plan", plan.id);
        if (!viewer.staff() && viewer.organisationId() == null) {
            query.where("m.public", Map.of());
        } else if (!viewer.staff()) {
            query.where("(m.public OR m.lead_organisation_id = :viewer OR EXISTS (SELECT 1 FROM measure_partner vp"
                    + " WHERE vp.measure_id = m.id AND vp.organisation_id = :viewer))", "viewer", viewer.organisationId());
        }
        if (filter.actionField() != null) {
            query.where("af.code = :actionField", "actionField", filter.actionField());
        }
        if (filter.status() != null) {
            query.where("m.status = :status", "status", filter.status().name());
        }
        if (filter.targetGroup() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_target_group mt JOIN target_group t ON t.id = mt.target_group_id"
                    + " WHERE mt.measure_id = m.id AND t.code = :targetGroup)", "targetGroup", filter.targetGroup());
        }
        if (filter.guideline() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_guideline mg JOIN guideline g ON g.id = mg.guideline_id"
                    + " WHERE mg.measure_id = m.id AND g.code = :guideline)", "guideline", filter.guideline());
        }
        if (filter.district() != null) {
            query.where("EXISTS (SELECT 1 FROM measure_district md JOIN district d ON d.id = md.district_id"
                    + " WHERE md.measure_id = m.id AND d.code = :district)", "district", filter.district());
        }
        if (filter.organisation() != null) {
            query.where("(m.lead_organisation_id = :organisation OR EXISTS (SELECT 1 FROM measure_partner mp"
                    + " WHERE mp.measure_id = m.id AND mp.organisation_id = :organisation))",
                    "organisation", filter.organisation());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String prefixes = prefixQuery(filter.q());
            if (prefixes.isEmpty()) {
                query.where("m.search_vector @@ websearch_to_tsquery('german', :q)", "q", filter.q());
            } else {
                query.where("(m.search_vector @@ websearch_to_tsquery('german', :q)"
                        + " OR m.search_vector @@ to_tsquery('german', :prefixes))",
                        Map.of("q", filter.q(), "prefixes", prefixes));
            }
        }
        if (filter.modifiedSince() != null) {
            query.where("m.updated_at >= :modifiedSince", "modifiedSince", filter.modifiedSince());
        }
        return query.orderBy(order(filter.sort())).fetch(em, page);
    }

    /**
     * German stems differ between singular and plural (Sprachkurs, Sprachkurse), so every word also
     * matches as a prefix of a stem. Only letters and digits reach {@code to_tsquery}, whose syntax
     * would otherwise let a search term break the query.
     */
    static String prefixQuery(String q) {
        List<String> terms = new ArrayList<>();
        for (String word : q.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                terms.add(word + ":*");
            }
        }
        return String.join(" & ", terms);
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
