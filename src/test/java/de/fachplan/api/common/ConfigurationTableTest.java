package de.fachplan.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import de.fachplan.api.common.cache.ReadCacheConfig;
import de.fachplan.api.support.CompiledClasses;

/**
 * The README's configuration table against the {@code @ConfigMapping} interfaces, which are found
 * on the compiled classes, not listed here: every key a mapping declares is in the table under its
 * environment variable with the mapping's default, and every {@code FACHPLAN_} variable of the
 * table is a mapping key, an alias that application.properties expands ({@code ${FACHPLAN_X:default}})
 * or a key a {@link ConfigSourceFactory} reads while the configuration is built, before any mapping
 * exists (its {@code fachplan.} constants).
 */
class ConfigurationTableTest {

    private static final String ROOT_PACKAGE = "de.fachplan.api";
    private static final Pattern ENV_NAME = Pattern.compile("`(FACHPLAN_[A-Z0-9_]+)`");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{([a-z][a-z0-9.-]*):([^}]*)}$");
    private static final Pattern ALIAS = Pattern.compile("^([a-z][^=%]*)=\\$\\{(FACHPLAN_[A-Z0-9_]+):([^}]*)}$");

    /** A key a mapping declares; {@code defaultValue} is null when it has none. */
    record Key(String name, String defaultValue, String declaredBy) {
        String envName() {
            return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }

    /** A row's variable and the default the README gives for it (null when the cell names none). */
    record Documented(String envName, String defaultValue, String defaultCell) {
    }

    private static Map<String, Key> keysByEnvName;
    private static List<String> factoryEnvNames;
    private static Map<String, Documented> table;
    private static Map<String, String> properties;

    @BeforeAll
    static void read() throws IOException {
        keysByEnvName = new TreeMap<>();
        factoryEnvNames = new ArrayList<>();
        for (Class<?> type : compiledClasses()) {
            if (type.isAnnotationPresent(ConfigMapping.class)) {
                for (Key key : keys(type.getAnnotation(ConfigMapping.class).prefix(), type, type.getSimpleName())) {
                    keysByEnvName.put(key.envName(), key);
                }
            }
            if (ConfigSourceFactory.class.isAssignableFrom(type)) {
                factoryEnvNames.addAll(constants(type));
            }
        }
        table = documented(Files.readAllLines(Path.of("README.md")));
        properties = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src", "main", "resources", "application.properties"))) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("%") && eq > 0) {
                properties.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
    }

    /** Every top-level class under the application's package on the compiled output. */
    private static List<Class<?>> compiledClasses() {
        Path classes = CompiledClasses.directoryOf(ReadCacheConfig.class);
        return CompiledClasses.topLevel(classes, classes.resolve(ROOT_PACKAGE.replace('.', '/')));
    }

    /** The keys of a mapping or group: kebab-case method names below the prefix, groups nested. */
    private static List<Key> keys(String prefix, Class<?> group, String declaredBy) {
        List<Key> keys = new ArrayList<>();
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type == Optional.class) {
                Type argument = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
                type = argument instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) argument).getRawType();
            }
            if (type.isInterface() && type.getName().startsWith(ROOT_PACKAGE + ".")) {
                keys.addAll(keys(name, type, declaredBy));
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                keys.add(new Key(name, withDefault == null ? null : withDefault.value(), declaredBy + "." + method.getName()));
            }
        }
        return keys;
    }

    /** The environment variables of a class's {@code static final String} constants that name a fachplan key. */
    private static List<String> constants(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()) && field.getType() == String.class) {
                try {
                    field.setAccessible(true);
                    String key = (String) field.get(null);
                    if (key.startsWith("fachplan.")) {
                        names.add(new Key(key, null, type.getSimpleName()).envName());
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }

    static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * The rows of the README whose first cell names {@code FACHPLAN_} variables. A row with several
     * variables gives their defaults in the same order.
     */
    static Map<String, Documented> documented(List<String> readme) {
        Map<String, Documented> rows = new TreeMap<>();
        for (String line : readme) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 4) {
                continue;
            }
            List<String> names = all(ENV_NAME.matcher(cells[1]));
            List<String> defaults = all(BACKTICKED.matcher(cells[2]));
            for (int i = 0; i < names.size(); i++) {
                String value = names.size() == 1 ? (defaults.isEmpty() ? null : defaults.get(0))
                        : (i < defaults.size() ? defaults.get(i) : null);
                rows.put(names.get(i), new Documented(names.get(i), value, cells[2].trim()));
            }
        }
        return rows;
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The aliases application.properties defines: variable → (key, default). */
    private static Map<String, String[]> aliases() {
        Map<String, String[]> aliases = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher alias = ALIAS.matcher(key + "=" + value);
            if (alias.matches()) {
                aliases.put(alias.group(2), new String[] {alias.group(1), alias.group(3)});
            }
        });
        return aliases;
    }

    @Test
    void theMappingsAreFound() {
        // Guards the scan itself: a walk that finds nothing would make every other check pass.
        assertTrue(keysByEnvName.containsKey("FACHPLAN_WEBHOOKS_TIMEOUT"), keysByEnvName.keySet().toString());
        assertTrue(keysByEnvName.containsKey("FACHPLAN_METRICS_DATABASE_GAUGES_REFRESH"), "nested groups are walked");
        assertTrue(factoryEnvNames.contains("FACHPLAN_EMBEDDED_DB_ENABLED"), factoryEnvNames.toString());
        assertFalse(table.isEmpty(), "the README's configuration table is read");
    }

    @Test
    void everyKeyOfAMappingIsInTheReadmeTable() {
        List<String> missing = keysByEnvName.values().stream()
                .filter(key -> !table.containsKey(key.envName()) && !aliasedBy(key))
                .map(key -> key.envName() + " (" + key.declaredBy() + ")").toList();
        assertEquals(List.of(), missing, "keys without a row in README.md's configuration table");
    }

    @Test
    void everyFachplanVariableOfTheReadmeIsAMappingKeyOrAnAlias() {
        Map<String, String[]> aliases = aliases();
        List<String> unknown = table.keySet().stream()
                .filter(name -> !keysByEnvName.containsKey(name) && !aliases.containsKey(name)
                        && !factoryEnvNames.contains(name)).toList();
        assertEquals(List.of(), unknown, "README.md names variables that no @ConfigMapping declares");
    }

    @Test
    void theReadmeGivesEachKeyTheMappingsDefault() {
        List<String> wrong = new ArrayList<>();
        for (Key key : keysByEnvName.values()) {
            Documented row = table.get(key.envName());
            if (row == null) {
                continue;
            }
            if (key.defaultValue() != null && !key.defaultValue().equals(row.defaultValue())) {
                wrong.add(key.envName() + ": README " + row.defaultValue() + ", @WithDefault " + key.defaultValue());
            }
            if (key.defaultValue() == null && !row.defaultCell().startsWith("unset")) {
                wrong.add(key.envName() + ": has no default, the README should say unset, not " + row.defaultCell());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void anAliasKeepsTheDefaultOfItsKeyAndTheReadmeShowsIt() {
        List<String> wrong = new ArrayList<>();
        aliases().forEach((name, alias) -> {
            Documented row = table.get(name);
            if (row != null && !alias[1].equals(row.defaultValue())) {
                wrong.add(name + ": README " + row.defaultValue() + ", application.properties " + alias[1]);
            }
            Optional.ofNullable(keysByEnvName.get(new Key(alias[0], null, "").envName()))
                    .filter(key -> !alias[1].equals(key.defaultValue()))
                    .ifPresent(key -> wrong.add(name + ": application.properties " + alias[1] + ", @WithDefault "
                            + key.defaultValue() + " of " + key.declaredBy()));
        });
        assertEquals(List.of(), wrong);
    }

    /**
     * A scheduler reads its interval from the key itself ({@code @Scheduled(every = "${key:fallback}")}),
     * so the fallback there is a second copy of the mapping's default: they must be the same key
     * and the same value.
     */
    @Test
    void aScheduledIntervalNamesAMappingKeyWithItsDefault() {
        List<String> wrong = new ArrayList<>();
        int scheduled = 0;
        for (Class<?> type : compiledClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                Scheduled annotation = method.getAnnotation(Scheduled.class);
                if (annotation == null) {
                    continue;
                }
                scheduled++;
                String where = type.getSimpleName() + "." + method.getName();
                Matcher expression = EXPRESSION.matcher(annotation.every());
                if (!expression.matches()) {
                    wrong.add(where + ": every = " + annotation.every() + " is not ${key:default}");
                    continue;
                }
                Key key = keysByEnvName.get(new Key(expression.group(1), null, "").envName());
                if (key == null || !key.name().equals(expression.group(1))) {
                    wrong.add(where + ": " + expression.group(1) + " is no key of a @ConfigMapping");
                } else if (!expression.group(2).equals(key.defaultValue())) {
                    wrong.add(where + ": fallback " + expression.group(2) + ", @WithDefault " + key.defaultValue()
                            + " of " + key.declaredBy());
                }
            }
        }
        assertTrue(scheduled > 0, "no @Scheduled method found: the scan is broken");
        assertEquals(List.of(), wrong);
    }

    @Test
    void applicationPropertiesRepeatsNoDefaultDifferently() {
        List<String> wrong = new ArrayList<>();
        for (Key key : keysByEnvName.values()) {
            String value = properties.get(key.name());
            if (value != null && !value.startsWith("${") && !value.equals(key.defaultValue())) {
                wrong.add(key.name() + "=" + value + ", @WithDefault " + key.defaultValue());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** A key the README documents under an alias only (the alias's row is checked against its default). */
    private static boolean aliasedBy(Key key) {
        return aliases().entrySet().stream()
                .anyMatch(alias -> alias.getValue()[0].equals(key.name()) && table.containsKey(alias.getKey()));
    }

    @Test
    void keysAreKebabCaseLikeSmallRyes() {
        assertEquals("max-subscriptions-per-organisation", kebab("maxSubscriptionsPerOrganisation"));
        assertEquals("enabled", kebab("enabled"));
    }
}
