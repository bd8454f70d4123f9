package de.fachplan.api.common.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that has the shape of one of our API keys. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    public ApiKeyAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
