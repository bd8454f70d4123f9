package de.fachplan.api.capacity.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import de.fachplan.api.capacity.forecast.CapacityForecast.Basis;
import de.fachplan.api.capacity.forecast.CapacityForecast.PersonsSource;
import de.fachplan.api.capacity.forecast.CapacityForecast.Point;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.time.Period;

/**
 * A server without any font cannot measure the picture's text. The JDK then throws an
 * {@link InternalError}; the picture must become a 503 problem (JSON and CSV stay available), never
 * a 500. Proved in a child JVM that sees no font: its own mount namespace ({@code unshare}, as the
 * embedded database's start uses it too) lays empty directories over the font directories.
 */
class CapacityChartPictureWithoutFontsTest {

    private static final List<String> FONT_DIRECTORIES = List.of("/usr/share/fonts", "/usr/local/share/fonts",
            "/var/cache/fontconfig");

    @Test
    void withoutAnyFontThePictureIsAServiceUnavailableProblem() throws Exception {
        Path home = Files.createTempDirectory("fachplan-no-fonts");
        StringBuilder hide = new StringBuilder();
        for (String directory : FONT_DIRECTORIES) {
            hide.append("if [ -d ").append(directory).append(" ]; then mount -t tmpfs none ").append(directory)
                    .append(" || exit 90; fi; ");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder("unshare", "--map-root-user", "--mount", "sh", "-c",
                hide + "exec \"$0\" -Djava.awt.headless=true -cp \"$1\" \"$2\"", java.toString(),
                System.getProperty("java.class.path"), Draw.class.getName()).redirectErrorStream(true);
        child.environment().put("HOME", home.toString());
        child.environment().remove("DISPLAY");
        String output;
        int exit;
        try {
            Process process = child.start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
            exit = process.exitValue();
        } catch (IOException e) {
            Assumptions.abort("no unshare on this machine: " + e.getMessage());
            return;
        } finally {
            Files.deleteIfExists(home);
        }
        Assumptions.assumeFalse(exit == 90 || output.contains("unshare:"),
                "no mount namespace here (unshare refused): " + output);
        Assumptions.assumeFalse(output.contains("drawn without fonts"), "the JVM still found a font elsewhere");
        assertEquals(0, exit, output);
        assertTrue(output.contains("problem SERVICE_UNAVAILABLE 503"), output);
        assertTrue(output.contains("fonts-dejavu-core"), "the log tells the operators what to install: " + output);
    }

    /** Runs in the child JVM: draws a small chart and says how that ended. */
    public static final class Draw {

        public static void main(String[] args) {
            ForecastScenario scenario = new ForecastScenario();
            scenario.code = "STABLE_ALLOCATION";
            scenario.version = 1;
            scenario.name = "Stabile Zuweisung";
            List<Point> points = new ArrayList<>();
            for (YearMonth month = YearMonth.of(2019, 1); !month.isAfter(YearMonth.of(2019, 6)); month = month.plusMonths(1)) {
                boolean recorded = month.isBefore(YearMonth.of(2019, 4));
                points.add(new Point(new Period(Period.Granularity.MONTH, month),
                        new CapacityForecast.Housed(recorded ? Basis.ACTUAL : Basis.PROJECTED,
                                recorded ? PersonsSource.CITYWIDE_FIGURE : PersonsSource.PROJECTION, null, 2718),
                        new CapacityForecast.Flows(70, null, 68, null),
                        new CapacityForecast.Coverage(3518, 3604, 150, 86)));
            }
            CapacityChartService.Chart chart = new CapacityChartService.Chart("DD-FAI-2022", scenario,
                    new CapacityChartService.Range(YearMonth.of(2019, 1), YearMonth.of(2019, 6), Period.Granularity.MONTH),
                    YearMonth.of(2019, 3), null, points, List.of());
            try {
                CapacityChartPicture.svg(chart, ChartLanguage.GERMAN);
                System.out.println("drawn without fonts");
            } catch (ProblemException e) {
                System.out.println("problem " + e.type() + " " + e.type().status());
            }
        }
    }
}
