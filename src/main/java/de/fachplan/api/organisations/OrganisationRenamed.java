package de.fachplan.api.organisations;

import java.util.UUID;

/** Fired inside the transaction that renames an organisation, for the representations that show its name. */
public record OrganisationRenamed(UUID organisationId) {
}
