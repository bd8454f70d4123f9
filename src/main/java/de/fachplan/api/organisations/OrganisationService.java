package de.fachplan.api.organisations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;

@ApplicationScoped
public class OrganisationService {

    @Inject
    EntityManager em;

    @Inject
    Event<OrganisationRenamed> renamed;

    @Inject
    WriteHistory history;

    /**
     * The values to create or change an organisation with. {@code null} leaves a member as it is;
     * an empty optional clears it (merge-patch {@code null}).
     */
    public record OrganisationChange(String name, Patch<String> shortName, OrganisationType type,
            Patch<String> website, Boolean illustrative) {
    }

    @Transactional
    public Page<Organisation> list(OrganisationType type, OffsetDateTime modifiedSince, PageRequest page) {
        KeysetQuery query = new KeysetQuery("organisation o", "o.id");
        if (type != null) {
            query.where("o.type = :type", "type", type.name());
        }
        if (modifiedSince != null) {
            query.where("o.updated_at >= :since", "since", modifiedSince);
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.asc("o.name", ValueKind.TEXT))).fetch(em, page);
        return new Page<>(Entities.inOrder(Organisation.list("id in ?1", ids.items()), ids.items(), o -> o.id),
                ids.nextCursor());
    }

    @Transactional
    public Organisation get(UUID id) {
        return Organisation.<Organisation>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No organisation " + id + "."));
    }

    @Transactional
    public Organisation create(OrganisationChange change) {
        Organisation organisation = new Organisation();
        apply(organisation, change);
        organisation.persistAndFlush();
        history.created(ResourceType.ORGANISATION, organisation.id, null, organisation.version,
                history.snapshot(OrganisationMapper.toDto(organisation)));
        return organisation;
    }

    @Transactional
    public Organisation update(UUID id, String ifMatch, OrganisationChange change) {
        Organisation organisation = get(id);
        ETags.requireMatch(ifMatch, organisation.version);
        String name = organisation.name;
        var before = history.snapshot(OrganisationMapper.toDto(organisation));
        apply(organisation, change);
        em.flush();
        history.updated(ResourceType.ORGANISATION, organisation.id, null, organisation.version, before,
                history.snapshot(OrganisationMapper.toDto(organisation)));
        if (!name.equals(organisation.name)) {
            renamed.fire(new OrganisationRenamed(organisation.id));
        }
        return organisation;
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Organisation organisation = get(id);
        ETags.requireMatch(ifMatch, organisation.version);
        Number uses = (Number) em.createNativeQuery("SELECT (SELECT count(*) FROM measure WHERE lead_organisation_id = :id)"
                + " + (SELECT count(*) FROM measure_partner WHERE organisation_id = :id)"
                + " + (SELECT count(*) FROM api_key WHERE organisation_id = :id)")
                .setParameter("id", id).getSingleResult();
        if (uses.longValue() > 0) {
            throw ProblemException.conflict("The organisation is still referred to by measures or API keys.");
        }
        history.deleted(ResourceType.ORGANISATION, organisation.id, null,
                history.snapshot(OrganisationMapper.toDto(organisation)));
        organisation.delete();
    }

    private static void apply(Organisation organisation, OrganisationChange change) {
        List<FieldError> errors = new ArrayList<>();
        change.shortName().ifSet(v -> FieldChecks.length(errors, "/shortName", v, 1, 60));
        change.website().ifSet(v -> FieldChecks.httpUrl(errors, "/website", v, 500));
        FieldChecks.throwIfAny(errors);
        if (change.name() != null) {
            organisation.name = change.name();
        }
        organisation.shortName = change.shortName().applyTo(organisation.shortName);
        if (change.type() != null) {
            organisation.type = change.type();
        }
        organisation.website = change.website().applyTo(organisation.website);
        if (change.illustrative() != null) {
            organisation.illustrative = change.illustrative();
        }
    }
}
