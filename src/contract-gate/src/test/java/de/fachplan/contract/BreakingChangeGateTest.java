package de.fachplan.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * Holds {@code openapi/openapi.yaml} against the last released contract
 * ({@code openapi/released/openapi-<version>.yaml}, the highest version there): within one major
 * version a change must not break a client of the release, as openapi-diff judges it. A new
 * major version may break; the changelog has to say so.
 */
class BreakingChangeGateTest {

    private static final Path DIR = Path.of(System.getProperty("fachplan.contractDir", "../../openapi"));
    private static final Path CURRENT = DIR.resolve("openapi.yaml");
    private static final Pattern RELEASED_NAME = Pattern.compile("openapi-(\\d+\\.\\d+\\.\\d+)\\.yaml");

    @Test
    void theContractBreaksNoClientOfTheLastReleaseUnlessItsMajorVersionMoved() throws IOException {
        Path released = lastRelease();
        ChangedOpenApi diff = OpenApiCompare.fromLocations(released.toString(), CURRENT.toString());
        String report = new ConsoleRender().render(diff);
        System.out.println("openapi-diff " + released.getFileName() + " -> " + CURRENT.getFileName() + ":\n" + report);
        int[] from = version(released);
        int[] to = version(CURRENT);
        if (to[0] > from[0]) {
            return;
        }
        assertFalse(diff.isIncompatible(), "openapi.yaml " + String.join(".", text(to)) + " breaks clients of "
                + released.getFileName() + "; keep the old shape (add, do not change) or move the major version:\n"
                + report);
    }

    @Test
    void theVersionMovesOnFromTheLastReleaseAndTheChangelogNamesIt() throws IOException {
        Path released = lastRelease();
        int[] from = version(released);
        int[] to = version(CURRENT);
        assertTrue(Arrays.compare(to, from) >= 0, "info.version " + String.join(".", text(to))
                + " is older than the release " + released.getFileName());
        if (!OpenApiCompare.fromLocations(released.toString(), CURRENT.toString()).isUnchanged()) {
            assertTrue(Arrays.compare(to, from) > 0, "the contract changed since " + released.getFileName()
                    + ": give info.version the next minor (or major) version");
        }
        String changelog = Files.readString(DIR.resolve("CHANGELOG.md"));
        assertTrue(changelog.contains("## " + String.join(".", text(to))),
                "openapi/CHANGELOG.md has no section \"## " + String.join(".", text(to)) + "\"");
    }

    /** The tool, not only the gate's arithmetic: it must see a removed operation and a new required member. */
    @Test
    void theDiffToolSeesWhatBreaksAClientAndWhatDoesNot() {
        OpenAPIV3Parser parser = new OpenAPIV3Parser();
        String location = lastRelease().toString();

        OpenAPI withoutAnOperation = parser.read(location);
        String somePath = withoutAnOperation.getPaths().keySet().iterator().next();
        withoutAnOperation.getPaths().remove(somePath);
        assertTrue(OpenApiCompare.fromSpecifications(parser.read(location), withoutAnOperation).isIncompatible(),
                "removing " + somePath);

        OpenAPI withANewRequiredMember = parser.read(location);
        Schema<?> create = withANewRequiredMember.getComponents().getSchemas().get("MeasureCreate");
        create.addProperty("mandatoryNewMember", new StringSchema());
        create.addRequiredItem("mandatoryNewMember");
        assertTrue(OpenApiCompare.fromSpecifications(parser.read(location), withANewRequiredMember).isIncompatible(),
                "a new required request member");

        OpenAPI withANewOptionalMember = parser.read(location);
        withANewOptionalMember.getComponents().getSchemas().get("MeasureCreate")
                .addProperty("optionalNewMember", new StringSchema());
        assertFalse(OpenApiCompare.fromSpecifications(parser.read(location), withANewOptionalMember).isIncompatible(),
                "a new optional request member");
    }

    private static Path lastRelease() {
        try (Stream<Path> files = Files.list(DIR.resolve("released"))) {
            return files.filter(f -> RELEASED_NAME.matcher(f.getFileName().toString()).matches())
                    .max(Comparator.comparing(BreakingChangeGateTest::version, Arrays::compare))
                    .orElseThrow(() -> new AssertionError("no openapi-<version>.yaml under " + DIR.resolve("released")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** info.version of a contract; a released file must carry the version of its name. */
    private static int[] version(Path contract) {
        String version = new OpenAPIV3Parser().read(contract.toString()).getInfo().getVersion();
        if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new AssertionError(contract + " has no info.version of the form MAJOR.MINOR.PATCH: " + version);
        }
        Matcher name = RELEASED_NAME.matcher(contract.getFileName().toString());
        if (name.matches() && !name.group(1).equals(version)) {
            throw new AssertionError(contract + " carries info.version " + version);
        }
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static String[] text(int[] version) {
        return Arrays.stream(version).mapToObj(Integer::toString).toArray(String[]::new);
    }
}
