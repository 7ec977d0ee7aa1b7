package com.example.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.SliceDatabase;
import io.github.sequenceresync.testing.ClassDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.jdbc.Sql;

/**
 * A test of a Spring Data JDBC application whose ids come from {@code @Sequence}: rows an {@code @Sql}
 * script loads with their ids are followed by a resync that links the sequence as the application's
 * mapping does, so that the test's next save does not hit a loaded id.
 */
@ExtendWith(ClassDatabase.class)
@SpringBootTest(classes = SequenceIdsApplication.class, properties = "spring.main.banner-mode=off")
@DirtiesContext
class SqlScriptsIT {

    @Autowired
    private SequenceIdsApplication.Invoices invoices;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceDatabase.register(registry);
        registry.add("spring.flyway.locations", () -> "classpath:db/data-jdbc");
        registry.add("spring.liquibase.enabled", () -> "false");
    }

    @Test
    @Sql(statements = "INSERT INTO invoices SELECT g, 'loaded by @Sql' FROM generate_series(301, 400) AS g")
    void rowsATestsScriptLoadsLeaveTheSequenceTheMappingNames() {
        SequenceIdsApplication.Invoice invoice = new SequenceIdsApplication.Invoice();
        invoice.customer = "new";
        assertThat(invoices.save(invoice).id).isEqualTo(401);
    }
}
