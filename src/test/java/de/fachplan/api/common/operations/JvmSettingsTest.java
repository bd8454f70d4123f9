package de.fachplan.api.common.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The JVM settings the service is measured with (the jar's start script) are the ones the image
 * and the Kubernetes deployment carry: the memory and start figures of the benchmark hold for all
 * three only while they agree. The class-data archive options are the script's own (the image has
 * no archive), so they are left out of the comparison.
 */
class JvmSettingsTest {

    private static final Pattern JVM_OPTION = Pattern.compile("(?<=[\\s\"])-X[A-Za-z0-9:+=._-]+");

    @Test
    void theImageAndTheDeploymentCarryTheStartScriptsJvmSettings() throws IOException {
        Set<String> script = jvmOptions(Path.of("src/main/launcher/fachplan.sh"));
        assertTrue(script.contains("-Xmx160m"), "the start script's options were not found: " + script);
        assertEquals(script, jvmOptions(Path.of("deploy/Dockerfile")), "deploy/Dockerfile");
        assertEquals(script, jvmOptions(Path.of("deploy/kubernetes/deployment.yaml")),
                "deploy/kubernetes/deployment.yaml");
    }

    /** The -X options outside comments, without those of the class-data archive. */
    private static Set<String> jvmOptions(Path file) throws IOException {
        Set<String> options = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher option = JVM_OPTION.matcher(line);
            while (option.find()) {
                if (!option.group().toLowerCase().contains("cds") && !option.group().contains("Archive")) {
                    options.add(option.group());
                }
            }
        }
        return options;
    }
}
