package de.fachplan.api.common.security;

import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a caller may read beyond the public: everything (city staff), what one partner
 * organisation takes part in, or only what is public. Read representations depend on who asks
 * only through this value, so it is also the key under which rendered ones are kept
 * (common/cache): two callers with the same scope are served the same bytes, two with different
 * scopes never are.
 */
public record ReadScope(boolean staff, UUID organisationId) {

    public static final ReadScope PUBLIC = new ReadScope(false, null);

    public static ReadScope of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return PUBLIC;
        }
        if (identity.hasRole(Role.EDITOR_NAME) || identity.hasRole(Role.ADMIN_NAME)
                || identity.hasRole(Role.CONTROLLER_NAME)) {
            return new ReadScope(true, null);
        }
        UUID organisation = identity.getAttribute(Caller.ORGANISATION_ID);
        return organisation == null ? PUBLIC : new ReadScope(false, organisation);
    }
}
