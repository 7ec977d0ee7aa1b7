package io.github.sequenceresync.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.Action;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.envers.Audited;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Envers (Spring Data Envers' engine) numbers each transaction that changes an audited
 * entity with a revision whose number comes from a sequence of its own ({@code revinfo_seq},
 * INCREMENT 50), which the catalog links to no column. Audit history migrated with its revision
 * numbers leaves that sequence behind, and then every transaction that saves an audited entity
 * fails on the revision table's primary key, whatever entity it saves.
 */
@PostgresTest
class EnversIT {

    /** An audited entity, ids from Hibernate's default sequence ({@code contracts_seq}). */
    @Entity
    @Table(name = "contracts")
    @Audited
    public static class Contract {
        @Id
        @GeneratedValue
        public Long id;
        public String party;
    }

    private final TestDatabase db;

    EnversIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyDatabase() {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    }

    @Test
    void auditHistoryMigratedWithItsRevisionNumbersLeavesTheNextRevisionFree() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            save(first, 1); // the application ran before: revision 1, its sequences called
        }
        // the history of another system, as a data migration brings it: revisions 2 to 300
        db.execute("""
                INSERT INTO revinfo (rev, revtstmp) SELECT g, 0 FROM generate_series(2, 300) AS g;
                INSERT INTO contracts (id, party) VALUES (900, 'migrated');
                INSERT INTO contracts_aud (id, rev, revtype, party) VALUES (900, 2, 0, 'migrated'), (900, 300, 1, 'migrated');
                """);
        try (SessionFactory app = factory(Map.of(HibernateResync.ENABLED, "true"))) {
            for (int transaction = 0; transaction < 3; transaction++) {
                save(app, 60);
            }
            ResyncReport second = HibernateResync.run(app, ResyncOptions.defaults(), false).orElseThrow();
            assertThat(second.sequences()).extracting(SequenceReport::sequence)
                    .contains("public.revinfo_seq", "public.contracts_seq");
            assertThat(second.changed()).as("a second run").isEmpty();
        }
        assertThat(db.queryLong("SELECT min(rev) FROM revinfo WHERE rev > 1 AND revtstmp > 0"))
                .as("the first revision after the migration").isGreaterThan(300);
    }

    @Test
    void theRevisionSequenceIsLinkedToTheRevisionColumn() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            save(first, 1);
        }
        db.execute("INSERT INTO revinfo (rev, revtstmp) VALUES (400, 0)");
        try (SessionFactory sf = factory(Map.of())) {
            ResyncReport report = HibernateResync.run(sf, ResyncOptions.builder().dryRun(true).build(), false)
                    .orElseThrow();
            SequenceReport revisions = report.sequences().stream()
                    .filter(s -> s.sequence().equals("public.revinfo_seq")).findFirst().orElseThrow();
            assertThat(revisions.columns()).containsExactly("public.revinfo.rev");
            assertThat(revisions.action()).isEqualTo(Action.ADVANCE);
        }
    }

    /** One transaction, so one revision, saving {@code count} new contracts. */
    private static void save(SessionFactory sf, int count) {
        sf.inTransaction(session -> {
            for (int i = 0; i < count; i++) {
                Contract contract = new Contract();
                contract.party = "new";
                session.persist(contract);
            }
        });
    }

    private SessionFactory factory(Map<String, Object> settings) {
        Configuration configuration = new Configuration();
        configuration.addAnnotatedClass(Contract.class);
        configuration.setProperty("hibernate.connection.url", db.url());
        configuration.setProperty("hibernate.connection.username", db.user());
        if (db.password() != null) {
            configuration.setProperty("hibernate.connection.password", db.password());
        }
        settings.forEach((k, v) -> configuration.setProperty(k, String.valueOf(v)));
        return configuration.buildSessionFactory();
    }
}
