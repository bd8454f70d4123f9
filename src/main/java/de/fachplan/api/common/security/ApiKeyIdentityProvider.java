package de.fachplan.api.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a valid, unexpired, unrevoked API key into an identity with the key's role. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ApiKeyService apiKeys;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> apiKeys.authenticate(request.secret())
                .map(key -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("api-key:" + key.name))
                        .addRole(key.role.securityName())
                        .addAttribute(Caller.CALLER_ID, "api-key:" + key.id)
                        .addAttribute(Caller.ORGANISATION_ID, key.organisationId)
                        .build())
                .orElseThrow(AuthenticationFailedException::new));
    }
}
