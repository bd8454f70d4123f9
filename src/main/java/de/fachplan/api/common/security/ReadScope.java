package de.fachplan.api.common.security;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a caller may read: its roles and, for a partner, its organisation. Read representations
 * depend on who asks only through this value, so it is also the key under which rendered ones are
 * kept (common/cache): two callers with the same scope are served the same bytes, two with
 * different scopes never are. The roles are part of it, not only "staff or not", so that an
 * operation open to some staff roles is never answered from what another role was given.
 */
public record ReadScope(Set<String> roles, UUID organisationId) {

    public static final ReadScope PUBLIC = new ReadScope(Set.of(), null);

    public static ReadScope of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return PUBLIC;
        }
        return new ReadScope(Set.copyOf(new TreeSet<>(identity.getRoles())),
                identity.getAttribute(Caller.ORGANISATION_ID));
    }

    /** City staff see every measure, public or not, with its internal members. */
    public boolean staff() {
        return roles.contains(Role.EDITOR_NAME) || roles.contains(Role.ADMIN_NAME)
                || roles.contains(Role.CONTROLLER_NAME);
    }

    /** Whose data beyond the public the caller sees: none for staff (they see all). */
    public UUID partnerOrganisation() {
        return staff() ? null : organisationId;
    }
}
