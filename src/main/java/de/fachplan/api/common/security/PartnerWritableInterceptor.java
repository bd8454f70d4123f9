package de.fachplan.api.common.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Holds a partner's request body to the members the contract lets partners write
 * ({@link PartnerWritableMembers}), before it becomes a request object: the members come from
 * what was sent, not from a list of the object's fields. Any member it may not send is a 422 that
 * names it, whichever object the request addresses.
 */
@Provider
public class PartnerWritableInterceptor implements ReaderInterceptor {

    @Inject
    Caller caller;

    @Inject
    PartnerWritableMembers members;

    @Inject
    ObjectMapper json;

    /** Where the contract's request classes are generated, and what the generator appends to a schema's name (pom.xml). */
    private static final String MODEL_PACKAGE = "de.fachplan.api.generated.model";
    private static final String MODEL_SUFFIX = "Dto";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Class<?> type = context.getType();
        if (!type.getPackageName().equals(MODEL_PACKAGE) || !caller.isPartner()) {
            return context.proceed();
        }
        String name = type.getSimpleName();
        String schema = name.endsWith(MODEL_SUFFIX) ? name.substring(0, name.length() - MODEL_SUFFIX.length()) : name;
        if (!members.governs(schema)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            return context.proceed(); // malformed: the reader answers it as for everyone
        }
        if (tree != null) {
            List<FieldError> refused = members.refusals(schema, tree);
            if (!refused.isEmpty()) {
                throw ProblemException.invalid(refused);
            }
        }
        return context.proceed();
    }
}
