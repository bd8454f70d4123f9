package de.fachplan.api.support;

import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;

import io.restassured.filter.FilterContext;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every request and response of the test suite against openapi/openapi.yaml: a response
 * the contract does not describe (an undeclared member, a wrong type, a missing required member,
 * an undocumented status) fails the test. Tests that send a deliberately invalid request mark it
 * with {@link #RESPONSE_ONLY}; then only the response is checked.
 */
public class ContractFilter implements OrderedFilter {

    public static final String RESPONSE_ONLY = "X-Test-Contract-Check";
    private static final String CONTRACT = Path.of("openapi", "openapi.yaml").toAbsolutePath().toString();

    private final OpenApiValidationFilter full = new OpenApiValidationFilter(validator(false));
    private final OpenApiValidationFilter responseOnly = new OpenApiValidationFilter(validator(true));

    private static OpenApiInteractionValidator validator(boolean responseOnly) {
        LevelResolver.Builder levels = LevelResolver.create();
        if (responseOnly) {
            levels.withLevel("validation.request", ValidationReport.Level.IGNORE);
        }
        return OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT)
                .withLevelResolver(levels.build())
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("framework endpoints under /q",
                        (message, operation, request, response) -> request != null
                                && request.getPath().startsWith("/q/")))
                .build();
    }

    /**
     * What the contract objects to in a JSON document that should be an instance of one of its
     * schemas: for bodies that no REST Assured exchange carries, such as webhook deliveries.
     */
    public static List<String> violations(String json, String schema) {
        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT);
        ValidationReport report = new SchemaValidator(contract, new MessageResolver())
                .validate(json, contract.getComponents().getSchemas().get(schema), schema);
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getMessage).toList();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (request.getHeaders().hasHeaderWithName(RESPONSE_ONLY)) {
            request.removeHeader(RESPONSE_ONLY);
            return responseOnly.filter(request, response, context);
        }
        return full.filter(request, response, context);
    }

    @Override
    public int getOrder() {
        return Integer.MAX_VALUE - 1;
    }
}
