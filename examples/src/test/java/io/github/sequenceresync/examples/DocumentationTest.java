package io.github.sequenceresync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.cli.SequenceResyncCommand;
import io.github.sequenceresync.flyway.ResyncPlaceholders;
import io.github.sequenceresync.liquibase.ResyncSequencesChange;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import liquibase.change.DatabaseChangeProperty;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation's option tables name exactly the options the code takes, and its version
 * tables exactly the versions the build tests: a new option or a new compat module without its
 * line in the docs fails here, and so does a line for one that is gone.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void flywayOptionTableNamesEveryPlaceholder() throws Exception {
        Set<String> placeholders = new TreeSet<>();
        for (Field f : ResyncPlaceholders.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                placeholders.add((String) f.get(null));
            }
        }
        assertThat(firstColumn("docs/flyway.md", "| placeholder |")).isEqualTo(placeholders);
    }

    @Test
    void liquibaseAttributeTableNamesEveryChangeProperty() throws Exception {
        Set<String> properties = new TreeSet<>();
        for (Method m : ResyncSequencesChange.class.getMethods()) {
            DatabaseChangeProperty p = m.getAnnotation(DatabaseChangeProperty.class);
            if (p != null && p.isChangeProperty() && m.getName().startsWith("get")) {
                properties.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        assertThat(firstColumn("docs/liquibase.md", "| attribute |")).isEqualTo(properties);
    }

    @Test
    void coreOptionTableNamesEveryBuilderMethod() throws Exception {
        Set<String> methods = Arrays.stream(ResyncOptions.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        for (String cell : firstColumn("docs/core.md", "| option (builder method) |")) {
            Matcher m = Pattern.compile("(\\w+)\\(").matcher(cell);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertThat(documented).isEqualTo(methods);
    }

    @Test
    void springBootPropertyTableNamesEveryProperty() throws Exception {
        Set<String> properties = new TreeSet<>(List.of("sequence-resync.enabled", "sequence-resync.fail-on-other-database",
                "sequence-resync.hibernate", "sequence-resync.tenants"));
        for (ResyncOption option : ResyncOption.values()) {
            properties.add(option.property());
        }
        assertThat(firstColumn("docs/spring-boot.md", "| property |")).isEqualTo(properties);
    }

    @Test
    void commandLineFlagTableNamesEveryOption() throws Exception {
        CommandLine cli = SequenceResyncCommand.commandLine();
        Set<String> options = new TreeSet<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp()) {
                    options.add(o.longestName());
                }
            }
        }
        assertThat(firstColumn("docs/cli.md", "| flag |")).isEqualTo(options);
    }

    /** Every entry point's table names every option of the option table, in its own spelling. */
    @Test
    void everyEntryPointTakesEveryOptionOfTheTable() throws Exception {
        for (ResyncOption option : ResyncOption.values()) {
            assertThat(firstColumn("docs/flyway.md", "| placeholder |")).contains(option.placeholder());
            assertThat(firstColumn("docs/liquibase.md", "| attribute |")).contains(option.attribute());
            assertThat(firstColumn("docs/cli.md", "| flag |")).contains(option.flag());
        }
    }

    /**
     * Every entry point's table says what the option table says of each option: the meaning starts
     * with its description (the entry point may add what is its own after it), the default is its
     * default, except the schemas of the Flyway callback and the starter, which are the migration's.
     */
    @Test
    void everyEntryPointDescribesEachOptionByTheTable() throws Exception {
        for (ResyncOption option : ResyncOption.values()) {
            Map<String, String> cells = Map.of("docs/flyway.md | placeholder |", option.placeholder(),
                    "docs/liquibase.md | attribute |", option.attribute(), "docs/cli.md | flag |", option.flag(),
                    "docs/spring-boot.md | property |", option.property());
            cells.forEach((table, name) -> {
                String file = table.substring(0, table.indexOf(' '));
                List<String> row = rows(file, table.substring(table.indexOf(' ') + 1)).get(name);
                assertThat(row).as("%s: %s", file, name).isNotNull();
                assertThat(row.get(2)).as("%s: what %s means", file, name).startsWith(option.description());
                boolean migrationsSchemas = option == ResyncOption.SCHEMAS && !file.equals("docs/liquibase.md")
                        && !file.equals("docs/cli.md");
                if (!migrationsSchemas) {
                    assertThat(row.get(1)).as("%s: the default of %s", file, name).isEqualTo(option.defaultValue());
                }
            });
        }
    }

    @Test
    void versionTableNamesWhatTheBuildTests() throws Exception {
        String root = read("pom.xml");
        Set<String> postgres = new TreeSet<>();
        Matcher profiles = Pattern.compile("<id>pg(\\d+)</id>").matcher(root);
        while (profiles.find()) {
            postgres.add(profiles.group(1));
        }
        assertThat(row("PostgreSQL")).isEqualTo(postgres);

        Set<String> flyway = new TreeSet<>(compatVersions("flyway-", "flyway-core"));
        flyway.add(property(root, "flyway.version"));
        assertThat(row("Flyway")).isEqualTo(flyway);

        Set<String> liquibase = new TreeSet<>(compatVersions("liquibase-", "liquibase-core"));
        liquibase.add(property(root, "liquibase.version"));
        assertThat(row("Liquibase")).isEqualTo(liquibase);

        Set<String> hibernate = new TreeSet<>(compatVersions("hibernate-", "hibernate-core"));
        hibernate.add(property(read("hibernate/pom.xml"), "hibernate.version"));
        assertThat(row("Hibernate ORM")).isEqualTo(hibernate);

        Set<String> boot = new TreeSet<>(List.of(property(read("spring-boot-starter/pom.xml"), "spring-boot.version"),
                property(read("examples/spring-boot/pom.xml"), "spring-boot.version"),
                property(read("examples/spring-boot-4/pom.xml"), "spring-boot.version"),
                property(read("examples/spring-boot-liquibase/pom.xml"), "spring-boot.version")));
        try (Stream<Path> modules = Files.list(ROOT.resolve("compat"))) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("spring-boot-")).toList()) {
                boot.add(property(Files.readString(module.resolve("pom.xml")), "spring-boot.version"));
            }
        }
        assertThat(row("Spring Boot")).isEqualTo(boot);

        assertThat(row("Maven plugins")).containsExactlyInAnyOrder(
                pluginVersion("examples/maven-plugins/flyway/pom.xml", "flyway-maven-plugin"),
                pluginVersion("examples/maven-plugins/liquibase/pom.xml", "liquibase-maven-plugin"));
    }

    @Test
    void readmeCoordinatesAreTheNextRelease() throws Exception {
        String revision = property(read("pom.xml"), "revision");
        String readme = read("README.md");
        Matcher versions = Pattern.compile("<version>([^<]+)</version>").matcher(readme);
        int found = 0;
        while (versions.find()) {
            assertThat(versions.group(1)).as("a version in the README").isEqualTo(revision);
            found++;
        }
        assertThat(found).isPositive();
        assertThat(readme).contains("version `" + revision + "`");
    }

    /** The first column's code spans of the table whose header line starts with {@code header}. */
    private static Set<String> firstColumn(String file, String header) throws IOException {
        List<String> lines = read(file).lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                start = i + 2;
                break;
            }
        }
        assertThat(start).as("%s has a table starting %s", file, header).isPositive();
        Set<String> cells = new TreeSet<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String cell = lines.get(i).split("\\|")[1].trim();
            cells.add(cell.replace("`", ""));
        }
        return cells;
    }

    /** The versions in a row of docs/compatibility.md's version table, without remarks in brackets. */
    /**
     * A table's rows by their first cell, each row's cells as plain text: without code spans, links
     * reduced to their text.
     */
    private static Map<String, List<String>> rows(String file, String header) {
        List<String> lines;
        try {
            lines = read(file).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith(header)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no table starting " + header))) + 2;
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = Arrays.stream(lines.get(i).substring(1, lines.get(i).length() - 1).split(" \\| "))
                    .map(c -> c.trim().replace("`", "").replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1")).toList();
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    private static Set<String> row(String name) throws IOException {
        String line = read("docs/compatibility.md").lines().filter(l -> l.startsWith("| " + name + " |"))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name));
        String cell = line.split("\\|")[2].replaceAll("\\([^)]*\\)", "");
        Set<String> versions = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\d+(\\.\\d+)*(\\.Final)?").matcher(cell);
        while (m.find()) {
            versions.add(m.group());
        }
        return new TreeSet<>(versions);
    }

    private static Set<String> compatVersions(String prefix, String artifact) throws IOException {
        try (Stream<Path> modules = Files.list(ROOT.resolve("compat"))) {
            Set<String> versions = new TreeSet<>();
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                versions.add(dependencyVersion(Files.readString(module.resolve("pom.xml")), artifact));
            }
            return versions;
        }
    }

    private static String pluginVersion(String pom, String artifact) throws IOException {
        return dependencyVersion(read(pom), artifact);
    }

    private static String dependencyVersion(String pom, String artifact) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("%s with a version", artifact).isTrue();
        return m.group(1);
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("property %s", name).isTrue();
        return m.group(1);
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }
}
