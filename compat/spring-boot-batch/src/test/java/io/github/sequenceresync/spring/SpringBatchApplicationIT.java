package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.batch.BatchApplication;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Batch application (JDBC job repository, Flyway) whose database receives job history with
 * its ids: Spring Batch takes the ids of job instances, job executions and step executions from
 * sequences of its own that the catalog links to no column, so without the links the starter adds
 * the next job launch would fail on {@code batch_job_instance_pkey}.
 */
@PostgresTest
class SpringBatchApplicationIT {

    private final TestDatabase db;

    SpringBatchApplicationIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyDatabase() {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
    }

    @Test
    void runsOnTheSpringBootVersionTheBuildChose() {
        assertThat(SpringBootVersion.getVersion())
                .isEqualTo(System.getProperty("spring-boot.expected.version", SpringBootVersion.getVersion()));
    }

    @Test
    void theFirstJobAfterMigratedJobHistoryGetsFreshIds() {
        // the application's first start: Spring Boot creates Spring Batch's tables, the job runs once
        try (ConfigurableApplicationContext first = start("always", "classpath:db/batch")) {
            assertThat(first.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("flyway");
        }
        assertThat(db.queryLong("SELECT count(*) FROM batch_job_instance")).isEqualTo(1);

        // then a migration brings the old system's job history, and the application starts again
        try (ConfigurableApplicationContext app = start("never", "classpath:db/batch,classpath:db/batch-history")) {
            List<SequenceReport> resynced = app.getBean(SequenceResyncReports.class).all().get(0).report().sequences();
            assertThat(resynced).filteredOn(SequenceReport::changed).extracting(SequenceReport::columns)
                    .containsExactlyInAnyOrder(List.of("public.batch_job_instance.job_instance_id"),
                            List.of("public.batch_job_execution.job_execution_id"),
                            List.of("public.batch_step_execution.step_execution_id"));
            assertThat(resynced).allSatisfy(s -> assertThat(s.warnings()).as(s.sequence()).isEmpty());
        }
        assertThat(db.queryString("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1"))
                .isEqualTo("COMPLETED");
        assertThat(db.queryLong("SELECT max(job_instance_id) FROM batch_job_instance WHERE job_name = 'import'"))
                .isGreaterThan(500);
        assertThat(db.queryLong("SELECT max(step_execution_id) FROM batch_step_execution WHERE step_name = 'read'"))
                .isGreaterThan(900);
    }

    @Test
    void aTablePrefixOfTheApplicationsIsFollowedInItsSchema() {
        db.execute("""
                DROP SCHEMA IF EXISTS etl CASCADE;
                CREATE SCHEMA etl;
                CREATE SEQUENCE etl.etl_job_execution_seq;
                CREATE TABLE etl.etl_job_execution (job_execution_id bigint PRIMARY KEY);
                INSERT INTO etl.etl_job_execution VALUES (42);
                """);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchApplication.class)
                .properties(properties("never", "classpath:db/batch", "spring.batch.jdbc.table-prefix=etl.ETL_",
                        "spring.batch.job.enabled=false", "sequence-resync.schemas=public,etl"))
                .run()) {
            SequenceReport etl = app.getBean(SequenceResyncReports.class).all().get(0).report().sequences().stream()
                    .filter(s -> s.sequence().equals("etl.etl_job_execution_seq")).findFirst().orElseThrow();
            assertThat(etl.columns()).containsExactly("etl.etl_job_execution.job_execution_id");
            assertThat(etl.nextValueAfter()).isEqualTo(43);
        }
    }

    private ConfigurableApplicationContext start(String initializeSchema, String locations) {
        return new SpringApplicationBuilder(BatchApplication.class)
                .properties(properties(initializeSchema, locations)).run();
    }

    private String[] properties(String initializeSchema, String locations, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "spring.batch.jdbc.initialize-schema=" + initializeSchema,
                "spring.flyway.locations=" + locations,
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }
}
