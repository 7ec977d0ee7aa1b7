package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.Mode;
import io.github.sequenceresync.ResyncOption;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What IDEs show of the {@code sequence-resync.*} properties of the option table is the table's
 * description and default, as the command-line help and Liquibase's metadata show them: the
 * starter ships {@code META-INF/additional-spring-configuration-metadata.json}, generated here from
 * {@link ResyncOption}, which Spring Boot's configuration processor merges into the metadata it
 * writes. {@code -Dmetadata.regenerate=true} (in this module) rewrites it.
 */
class ConfigurationMetadataTest {

    private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";

    @Test
    void additionalMetadataIsWhatTheOptionTableSays() throws IOException {
        String expected = additionalMetadata();
        if (Boolean.getBoolean("metadata.regenerate")) {
            Files.writeString(Path.of("src/main/resources").resolve(ADDITIONAL), expected);
        }
        assertThat(read(ADDITIONAL))
                .as(ADDITIONAL + " is out of date: run the starter's tests with -Dmetadata.regenerate=true")
                .isEqualTo(expected);
    }

    /** The configuration processor took it: its merged metadata carries each option's description. */
    @Test
    void mergedMetadataDescribesEveryOptionByTheTable() throws IOException {
        String merged = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains(SequenceResyncProperties.class.getName())) {
                    merged = text.replace("\\/", "/");
                }
            }
        }
        assertThat(merged).as("the starter's spring-configuration-metadata.json").isNotNull();
        for (ResyncOption option : ResyncOption.values()) {
            assertThat(merged).as(option.property()).contains(field("description", quoted(option.description())));
        }
    }

    /**
     * Each option's description and, where it is one value, its default; a list's default depends on
     * the migration tool (Flyway's schemas), so the documentation says it. The values of {@code mode}
     * as hints.
     */
    static String additionalMetadata() {
        List<String> properties = new ArrayList<>();
        for (ResyncOption option : ResyncOption.values()) {
            List<String> fields = new ArrayList<>(List.of(field("name", quoted(option.property())),
                    field("description", quoted(option.description()))));
            if (option.kind() != ResyncOption.Kind.LIST) {
                fields.add(field("defaultValue", value(option)));
            }
            properties.add(object(fields, "    "));
        }
        String modes = Arrays.stream(Mode.values())
                .map(m -> object(List.of(field("value", quoted(m.name().toLowerCase(Locale.ROOT)))), "        "))
                .collect(Collectors.joining(",\n"));
        String hint = object(List.of(field("name", quoted(ResyncOption.MODE.property())),
                "\"values\": [\n" + modes + "\n      ]"), "    ");
        return "{\n  \"properties\": [\n" + String.join(",\n", properties) + "\n  ],\n  \"hints\": [\n" + hint + "\n  ]\n}\n";
    }

    /** A default as JSON: a boolean or a number as such, anything else a string. */
    private static String value(ResyncOption option) {
        String v = option.defaultValue();
        return option.kind() == ResyncOption.Kind.BOOLEAN || v.matches("\\d+") ? v : quoted(v);
    }

    private static String object(List<String> fields, String indent) {
        return indent + "{\n" + fields.stream().map(f -> indent + "  " + f).collect(Collectors.joining(",\n")) + "\n" + indent + "}";
    }

    private static String field(String name, String json) {
        return quoted(name) + ": " + json;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
