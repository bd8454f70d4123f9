package de.fachplan.api.common.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, in the terms the service records: a stable id and a name for audit trails. */
@RequestScoped
public class Caller {

    static final String CALLER_ID = "fachplan.caller-id";
    static final String ORGANISATION_ID = "fachplan.organisation-id";

    @Inject
    SecurityIdentity identity;

    /** Stable across renames: {@code api-key:<uuid>} or {@code jwt:<issuer subject>}. */
    public String id() {
        String id = identity.getAttribute(CALLER_ID);
        if (id != null) {
            return id;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return "jwt:" + jwt.getSubject();
        }
        return identity.isAnonymous() ? "anonymous" : "principal:" + identity.getPrincipal().getName();
    }

    /** What the status history and similar records show: {@code api-key:<name>} or {@code jwt:<name>}. */
    public String displayName() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return "jwt:" + (jwt.getName() != null ? jwt.getName() : jwt.getSubject());
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * City staff see every measure, public or not. Which staff role may change what is decided by
     * the resources' role lists; controllers read but do not edit the catalogue.
     */
    public boolean isStaff() {
        return readScope().staff();
    }

    /** What the caller may read beyond the public; see {@link ReadScope}. */
    public ReadScope readScope() {
        return ReadScope.of(identity);
    }

    /** The strongest role the caller holds (in the order of {@link Role}); none for anonymous callers. */
    public Role role() {
        for (Role role : Role.values()) {
            if (identity.hasRole(role.securityName())) {
                return role;
            }
        }
        return null;
    }

    public boolean isPartner() {
        return !isStaff() && identity.hasRole(Role.PARTNER_NAME);
    }

    /**
     * Whose data the caller may see beyond the public: {@code null} for staff (everything),
     * otherwise the partner's organisation. A non-staff caller without one is refused, so that
     * a missing organisation can never read as "staff".
     */
    public UUID partnerScope() {
        if (isStaff()) {
            return null;
        }
        UUID organisation = organisationId();
        if (organisation == null) {
            throw new io.quarkus.security.ForbiddenException();
        }
        return organisation;
    }

    /** The organisation a partner's credential is bound to; none for city staff. */
    public UUID organisationId() {
        return identity.getAttribute(ORGANISATION_ID);
    }
}
