package de.fachplan.api.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

@QuarkusTest
@Tag("integration")
class ContractIsServedTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void servesExactlyTheContractFile() throws Exception {
        JsonNode file = YAML.readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(file, YAML.readTree(served));
    }

    @Test
    void servesTheSameContractAsJsonOnRequest() throws Exception {
        JsonNode file = YAML.readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().asString();
        assertEquals(file, new ObjectMapper().readTree(served));
    }

    @Test
    void showsTheContractInSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void isReadyWhenTheDatabaseIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
