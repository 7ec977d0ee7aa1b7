package io.github.sequenceresync.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.Mode;
import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.OwnServer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import liquibase.Scope;
import liquibase.change.ChangeFactory;
import liquibase.change.ChangeParameterMetaData;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Real Liquibase changelogs (XML, YAML, JSON) on real PostgreSQL. */
@PostgresTest
class LiquibaseChangeIT {

    private static final String[] SEQUENCES = {"orders_id_seq", "events_id_seq", "customers_id_seq", "invoice_no"};

    private final TestDatabase db;

    LiquibaseChangeIT(TestDatabase db) {
        this.db = db;
    }

    private CommandScope command(String name, String changelog, String schema) throws Exception {
        return new CommandScope(name)
                .addArgumentValue("url", db.url())
                .addArgumentValue("username", db.user())
                .addArgumentValue("password", db.password())
                .addArgumentValue("changelogFile", "changelog/" + changelog)
                .addArgumentValue("defaultSchemaName", schema);
    }

    private void run(CommandScope command) throws Exception {
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), () -> {
            command.execute();
        });
    }

    private void update(String changelog, String schema) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        run(command("update", changelog, schema));
    }

    private String updateSql(String changelog, String schema) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(command("updateSql", changelog, schema).setOutput(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertOrdinaryInsertsSucceed(String schema) {
        db.execute("SET search_path = " + schema + """
                ;
                INSERT INTO orders (item) VALUES ('ordinary');
                INSERT INTO events (what) VALUES ('ordinary');
                INSERT INTO customers (name) VALUES ('ordinary');
                INSERT INTO invoices (amount) VALUES (1);
                """);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".orders")).isEqualTo(41);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".events")).isEqualTo(251);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".customers")).isEqualTo(9);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".invoices")).isEqualTo(1501);
    }

    private Map<String, Long> states(String schema) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (String s : SEQUENCES) {
            states.put(s, db.nextValue(schema + "." + s));
        }
        return states;
    }

    /**
     * More tables than the server's lock table holds in one transaction (PostgreSQL's default holds
     * some 2,000): a changeset with runInTransaction="false" gives the resync a transaction of its
     * own, which it splits.
     */
    @Test
    void moreTablesThanOneTransactionCanLockAreResyncedOutsideTheChangesetTransaction(@TempDir Path dataDir)
            throws Exception {
        try (EmbeddedPostgres pg = OwnServer.withTinyLockTable(dataDir).start();
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            OwnServer.createTablesBehind(s, "public", 300);
            run(new CommandScope("update")
                    .addArgumentValue("url", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres")
                    .addArgumentValue("username", "postgres")
                    .addArgumentValue("changelogFile", "changelog/outside-transaction.xml"));
            s.execute("INSERT INTO t0 DEFAULT VALUES; INSERT INTO t299 DEFAULT VALUES");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT max(id) FROM t0), (SELECT max(id) FROM t299)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(8);
                assertThat(rs.getLong(2)).isEqualTo(307);
            }
        }
    }

    @Test
    void runsOnTheLiquibaseVersionTheBuildChose() {
        assertThat(Scope.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("liquibase-core-" + System.getProperty("liquibase.expected.version") + ".jar");
    }

    @Test
    void xmlChangelogAfterLoadData() throws Exception {
        update("xml.xml", "lb_xml");
        assertOrdinaryInsertsSucceed("lb_xml");
    }

    @Test
    void yamlChangelogAfterLoadData() throws Exception {
        update("yaml.yaml", "lb_yaml");
        assertOrdinaryInsertsSucceed("lb_yaml");
    }

    @Test
    void jsonChangelogAfterLoadData() throws Exception {
        update("json.json", "lb_json");
        assertOrdinaryInsertsSucceed("lb_json");
    }

    @Test
    void linkRuleAttributeAndTriggerLinkSequencesTheCatalogDoesNot() throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS lb_links; SET search_path = lb_links");
        update("links.xml", "lb_links");
        // the next pooled block (nextval - 49 .. nextval) starts above 730
        assertThat(db.nextValue("lb_links.order_lines_seq")).isEqualTo(780);
        assertThat(db.nextValue("lb_links.invoice_ids")).isEqualTo(301);
    }

    @Test
    void xmlChangelogValidatedByOurSchema() throws Exception {
        update("xml-with-xsd.xml", "lb_xsd");
        assertOrdinaryInsertsSucceed("lb_xsd");
        assertThatThrownBy(() -> update("xml-with-xsd-invalid.xml", "lb_xsd_invalid"))
                .hasStackTraceContaining("colour").hasStackTraceContaining("cvc-complex-type");
    }

    @Test
    void runAlwaysResyncsOnEveryUpdate() throws Exception {
        update("xml.xml", "lb_again");
        db.execute("INSERT INTO lb_again.orders (id, item) VALUES (900, 'loaded later')");
        update("xml.xml", "lb_again");
        assertThat(db.nextValue("lb_again.orders_id_seq")).isEqualTo(901);
    }

    @Test
    void updateSqlPrintsAScriptThatLeavesTheSameStatesAsUpdate() throws Exception {
        update("xml.xml", "lb_update");
        String sql = updateSql("xml.xml", "lb_update_sql");
        assertThat(sql).contains("DO $resync$").doesNotContain("WARNING: This statement");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
        assertThat(states("lb_update_sql")).isEqualTo(states("lb_update"));
        assertOrdinaryInsertsSucceed("lb_update_sql");
    }

    @Test
    void badAttributeValueFailsValidationNamingIt() {
        assertThatThrownBy(() -> update("bad-mode.xml", "lb_bad"))
                .hasStackTraceContaining("resyncSequences: invalid value 'backwards' for option mode");
    }

    @Test
    void aProblemFailsTheUpdateNamingTheWayOutAsAChangelogWritesIt() {
        try {
            assertThatThrownBy(() -> update("problem.xml", "lb_problem"))
                    .hasStackTraceContaining("lb_problem.tickets.id holds 50, above MAXVALUE 10")
                    .hasStackTraceContaining("(set failOnProblem=\"false\" to resync the other sequences anyway)");
            assertThat(db.nextValue("lb_problem.ticket_no")).as("nothing changed").isEqualTo(1);
        } finally {
            // the other changelogs resync every schema
            db.execute("DROP SCHEMA lb_problem CASCADE");
        }
    }

    @Test
    void anotherDatabaseIsRefusedByNameWhenToldTo() {
        ResyncSequencesChange change = new ResyncSequencesChange();
        liquibase.database.Database mysql = new liquibase.database.core.MySQLDatabase();
        assertThat(change.supports(mysql)).as("runs everywhere, does nothing elsewhere").isTrue();
        assertThat(change.validate(mysql).getErrorMessages()).isEmpty();
        change.setFailOnOtherDatabase(true);
        assertThat(change.validate(mysql).getErrorMessages())
                .anySatisfy(m -> assertThat(m).contains("resyncSequences works on PostgreSQL only, not on mysql"));
    }

    @Test
    void pointedAtAnotherDatabaseUpdateSqlPrintsNoScript() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(new CommandScope("updateSql")
                .addArgumentValue("url", "offline:mysql?changeLogFile=target/databasechangelog.csv")
                .addArgumentValue("changelogFile", "changelog/other-database.xml")
                .setOutput(out));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("sequence-resync: nothing to do on mysql, which is not PostgreSQL")
                .doesNotContain("$resync$");
    }

    @Test
    void rollbackDoesNothing() {
        ResyncSequencesChange change = new ResyncSequencesChange();
        assertThat(change.supportsRollback(new liquibase.database.core.PostgresDatabase())).isTrue();
        assertThat(change.createInverses()).isEmpty();
    }

    /** What Liquibase's metadata says of each attribute of the option table: the table's description and default. */
    @Test
    void everyOptionAttributeIsDescribedByTheOptionTable() {
        Map<String, ChangeParameterMetaData> parameters = Scope.getCurrentScope().getSingleton(ChangeFactory.class)
                .getChangeMetaData(new ResyncSequencesChange()).getParameters();
        for (ResyncOption option : ResyncOption.values()) {
            assertThat(parameters.get(option.attribute())).as(option.attribute()).isNotNull()
                    .extracting(ChangeParameterMetaData::getDescription)
                    .isEqualTo(option.help());
        }
        assertThat(parameters.get("failOnOtherDatabase").getDescription()).startsWith("Whether a database that is not PostgreSQL");
    }

    /**
     * What an IDE shows of each attribute, from the XSD, is what Liquibase's metadata says of it; the
     * XSD has exactly the change's attributes, and the values of {@code mode} are the modes.
     */
    @Test
    void theXsdDocumentsEachAttributeAsTheMetadataDoes() throws Exception {
        Map<String, ChangeParameterMetaData> parameters = Scope.getCurrentScope().getSingleton(ChangeFactory.class)
                .getChangeMetaData(new ResyncSequencesChange()).getParameters();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xsd;
        try (InputStream in = getClass().getResourceAsStream("/sequenceresync.github.io/xml/sequence-resync-1.0.xsd")) {
            xsd = factory.newDocumentBuilder().parse(in);
        }
        Map<String, String> documented = new LinkedHashMap<>();
        NodeList attributes = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            documented.put(attribute.getAttribute("name"), attribute.getTextContent().trim());
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(parameters.keySet());
        parameters.forEach((name, parameter) -> assertThat(documented.get(name)).as(name).isEqualTo(parameter.getDescription()));
        NodeList modes = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "enumeration");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < modes.getLength(); i++) {
            values.add(((Element) modes.item(i)).getAttribute("value"));
        }
        assertThat(values).isEqualTo(Arrays.stream(Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Test
    void checksumDependsOnlyOnTheAttributesGiven() {
        ResyncSequencesChange plain = new ResyncSequencesChange();
        ResyncSequencesChange withSchemas = new ResyncSequencesChange();
        withSchemas.setSchemas("sales");
        assertThat(plain.generateCheckSum()).isNotEqualTo(withSchemas.generateCheckSum());
        // recorded with this extension's first release (Liquibase 4.23 to 5.0 compute checksums
        // version 9): a changelog's checksum must not change when this extension changes
        assertThat(plain.generateCheckSum().toString()).isEqualTo("9:91b1105bb15fd8d773630e8a45a4ce4e");
        assertThat(withSchemas.generateCheckSum().toString()).isEqualTo("9:92ff8cac4df01ca90ce5eb65c6c03d11");
    }

    /**
     * The trap of Liquibase 4: a change it does not know (the jar is missing) with no attributes or
     * children is skipped silently and the changeset recorded as run. Liquibase 5 fails.
     */
    @Test
    void unknownChangeIsSkippedSilentlyOnLiquibase4AndFailsOn5() throws Exception {
        boolean liquibase4 = System.getProperty("liquibase.expected.version").startsWith("4.");
        if (liquibase4) {
            update("unknown-change.xml", "lb_trap");
            assertThat(db.queryLong("SELECT count(*) FROM lb_trap.databasechangelog WHERE id = 'not-installed'"))
                    .as("recorded as run although nothing ran").isEqualTo(1);
        } else {
            assertThatThrownBy(() -> update("unknown-change.xml", "lb_trap"))
                    .hasStackTraceContaining("resyncSequencesFromAMissingJar");
        }
        assertThatThrownBy(() -> update("unknown-change-with-attribute.xml", "lb_trap_attribute"))
                .as("with an attribute, every version fails").hasStackTraceContaining("resyncSequencesFromAMissingJar");
    }

    /**
     * A session holds a table the change must read: the update fails within the lock timeout, here
     * the connection's own lower one (300 ms, set by the URL), naming the table and the session.
     */
    @Test
    void aTableLockedByAnotherSessionFailsTheUpdateWithinTheLockTimeoutNamingIt() throws Exception {
        update("xml.xml", "lb_locked");
        db.execute("INSERT INTO lb_locked.orders (id, item) VALUES (500, 'later')");
        try (Blocker blocker = Blocker.hold(db, "LOCK TABLE lb_locked.orders IN ACCESS EXCLUSIVE MODE")) {
            long start = Blocker.serverMillis(db);
            assertThatThrownBy(() -> run(command("update", "xml.xml", "lb_locked")
                    .addArgumentValue("url", db.url() + "?options=-c%20lock_timeout%3D300ms")))
                    .hasStackTraceContaining("a lock was not granted within the lock timeout (300ms): table"
                            + " lb_locked.orders: pid " + blocker.pid())
                    .hasStackTraceContaining("holds AccessExclusiveLock");
            assertThat(Blocker.serverMillis(db) - start).isBetween(300L, 15_000L);
        }
        assertThat(db.nextValue("lb_locked.orders_id_seq")).as("nothing changed").isEqualTo(41);
    }
}
