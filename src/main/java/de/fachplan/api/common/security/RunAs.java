package de.fachplan.api.common.security;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import de.fachplan.api.common.http.RequestId;

/**
 * Runs work outside the HTTP request that asked for it (an import job on whichever replica
 * claims it) as the caller of that request: with the same id, name, roles and organisation, so
 * that the services and their checks — a partner's scope above all — apply unchanged, and with
 * the request's id, so that the audit trail links what the work writes to the request.
 *
 * <p>The credential itself is not kept: the work runs with the rights the caller had when it was
 * accepted, as a request that had already been authenticated would.
 */
@ApplicationScoped
public class RunAs {

    /** What is stored with deferred work to run it as its caller. */
    public record Principal(String callerId, String displayName, Set<String> roles, UUID organisationId,
            String requestId) {
    }

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestId requestId;

    @Inject
    CurrentIdentityAssociation association;

    /** The caller of the current request. */
    public Principal current() {
        return new Principal(caller.id(), caller.displayName(), Set.copyOf(identity.getRoles()),
                caller.organisationId(), requestId.value());
    }

    /**
     * Runs {@code work} in a request context of its own whose identity is {@code principal}. A
     * request context already active on this thread (the scheduler's) is set aside and restored,
     * so nothing of one job's identity is seen by the next.
     */
    public void run(Principal principal, Runnable work) {
        ManagedContext context = Arc.container().requestContext();
        InjectableContext.ContextState outer = context.getStateIfActive();
        if (outer != null) {
            context.deactivate();
        }
        context.activate();
        try {
            association.setIdentity(identity(principal));
            requestId.adopt(principal.requestId());
            work.run();
        } finally {
            context.terminate();
            MDC.remove(RequestId.MDC_KEY);
            if (outer != null) {
                context.activate(outer);
            }
        }
    }

    private static SecurityIdentity identity(Principal principal) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal.displayName()))
                .addRoles(principal.roles())
                .addAttribute(Caller.CALLER_ID, principal.callerId());
        if (principal.organisationId() != null) {
            builder.addAttribute(Caller.ORGANISATION_ID, principal.organisationId());
        }
        return builder.build();
    }
}
