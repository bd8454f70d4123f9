package de.fachplan.api.common.csv;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where long CSV exports keep their later parts ({@link SpooledCopies}). */
@ConfigMapping(prefix = "fachplan.export")
public interface ExportConfig {

    /**
     * The directory of the temporary files that hold an export's second part until the response
     * reaches it (about half of a large export, deleted when it ends); unset: the JVM's temporary
     * directory.
     */
    Optional<Path> spoolDirectory();
}
