package de.fachplan.api.controlling.imports;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.controlling.values.ValueBatches;
import de.fachplan.api.generated.api.IndicatorValueImportsApi;
import de.fachplan.api.generated.model.IndicatorValueImportDto;

/** CSV uploads of indicator values: small ones are answered at once, large ones run as jobs. */
public class IndicatorValueImportsResource implements IndicatorValueImportsApi {

    @Inject
    ValueImports imports;

    @Inject
    ValueBatches batches;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public RestResponse<IndicatorValueImportDto> importIndicatorValues(String body, String plan, Boolean dryRun,
            Boolean allOrNothing, String idempotencyKey) {
        boolean checkOnly = Boolean.TRUE.equals(dryRun);
        boolean together = Boolean.TRUE.equals(allOrNothing);
        ValueUpload upload = new ValueUpload(body);
        if (imports.runsAsJob(upload)) {
            return idempotency.accept(idempotencyKey, "importIndicatorValues",
                    List.of(String.valueOf(plan), checkOnly, together, body), IndicatorValueImportDto.class, () -> {
                        ValueImport job = imports.queue(plan, body, upload, checkOnly, together);
                        return new Idempotency.Outcome<>(imports.toDto(job),
                                URI.create("indicator-value-imports/" + job.id), ETags.of(job.version));
                    });
        }
        // The contract's first success is the job (202); a small upload answers its 207 at once.
        ValueBatches.Outcome outcome = batches.apply("importIndicatorValues", plan, upload.items, upload.refused,
                checkOnly, together, idempotencyKey, uri.getRequestUri().getRawPath());
        return (RestResponse) Responses.multiStatus(outcome.results(), outcome.replayed());
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueImportDto> getIndicatorValueImport(UUID importId, String ifNoneMatch) {
        ValueImport job = imports.find(importId);
        return Responses.conditional(ifNoneMatch, job.version, () -> imports.toDto(job));
    }
}
