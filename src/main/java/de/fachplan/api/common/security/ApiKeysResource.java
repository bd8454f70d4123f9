package de.fachplan.api.common.security;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.generated.api.ApiKeysApi;
import de.fachplan.api.generated.model.ApiKeyCreateDto;
import de.fachplan.api.generated.model.ApiKeyCreatedDto;
import de.fachplan.api.generated.model.ApiKeyPageDto;
import de.fachplan.api.generated.model.ApiKeyDto;
import de.fachplan.api.generated.model.RoleDto;

@RolesAllowed(Role.ADMIN_NAME)
public class ApiKeysResource implements ApiKeysApi {

    @Inject
    ApiKeyService apiKeys;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @Override
    public RestResponse<ApiKeyCreatedDto> createApiKey(ApiKeyCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createApiKey", request, ApiKeyCreatedDto.class, () -> {
            ApiKeyService.IssuedKey issued = apiKeys.issue(request.getName(), Role.valueOf(request.getRole().name()),
                    request.getOrganisationId(), request.getExpiresAt(), caller.displayName());
            ApiKeyCreatedDto withSecret = created(issued.key(), issued.secret());
            ApiKeyCreatedDto withoutSecret = created(issued.key(), null);
            return new Idempotency.Outcome<>(withSecret, withoutSecret,
                    URI.create("api-keys/" + issued.key().id), ETags.of(issued.key().version));
        });
    }

    @Override
    public RestResponse<ApiKeyDto> getApiKey(UUID apiKeyId, String ifNoneMatch) {
        ApiKey key = apiKeys.get(apiKeyId);
        return Responses.conditional(ifNoneMatch, key.version, () -> toDto(key));
    }

    @Override
    public RestResponse<ApiKeyPageDto> listApiKeys(Integer limit, String cursor) {
        Page<ApiKey> page = apiKeys.list(PageRequest.of(limit, cursor, "api-keys"));
        ApiKeyPageDto body = new ApiKeyPageDto();
        body.setItems(page.items().stream().map(ApiKeysResource::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<Void> revokeApiKey(UUID apiKeyId, String ifMatch) {
        apiKeys.revoke(apiKeyId, ifMatch);
        return RestResponse.noContent();
    }

    static ApiKeyDto toDto(ApiKey key) {
        ApiKeyDto dto = new ApiKeyDto();
        dto.setId(key.id);
        dto.setName(key.name);
        dto.setRole(RoleDto.valueOf(key.role.name()));
        dto.setOrganisationId(key.organisationId);
        dto.setPrefix(key.prefix);
        dto.setVersion(key.version);
        dto.setCreatedAt(utc(key.createdAt));
        dto.setCreatedBy(key.createdBy);
        dto.setExpiresAt(utc(key.expiresAt));
        dto.setLastUsedAt(utc(key.lastUsedAt));
        dto.setRevokedAt(utc(key.revokedAt));
        return dto;
    }

    private static ApiKeyCreatedDto created(ApiKey key, String secret) {
        ApiKeyCreatedDto dto = new ApiKeyCreatedDto();
        dto.setId(key.id);
        dto.setName(key.name);
        dto.setRole(RoleDto.valueOf(key.role.name()));
        dto.setOrganisationId(key.organisationId);
        dto.setPrefix(key.prefix);
        dto.setVersion(key.version);
        dto.setCreatedAt(utc(key.createdAt));
        dto.setCreatedBy(key.createdBy);
        dto.setExpiresAt(utc(key.expiresAt));
        dto.setKey(secret);
        return dto;
    }

    private static java.time.OffsetDateTime utc(java.time.OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
