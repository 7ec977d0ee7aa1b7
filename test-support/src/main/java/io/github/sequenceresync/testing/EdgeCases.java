package io.github.sequenceresync.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog of edge cases, one fixture each, that every test over edge cases iterates: the
 * edge-case test (each case fixed, a second run changing nothing), the script-versus-Java
 * differential test (the same report and states from both paths) and the correctness matrix
 * (every approach people use on every case that can be fixed). A fixture names its schemas
 * {@code {a}} and {@code {b}}; a test puts a prefix of its own in front of them, so that several
 * copies live in one database.
 */
public final class EdgeCases {

    /**
     * One edge case.
     *
     * @param name    a short name, for test names and schema prefixes
     * @param title   what the case is, as the correctness matrix shows it
     * @param setup   the SQL that builds it
     * @param inserts ordinary inserts that must succeed once its sequences are resynced; none where the
     *                case is one to report, not to fix (a value past MAXVALUE, a column that cannot tell)
     */
    public record EdgeCase(String name, String title, String setup, List<String> inserts) {

        /** The setup with its schemas prefixed. */
        public String setup(String prefix) {
            return prefixed(setup, prefix);
        }

        /** The inserts with their schemas prefixed. */
        public List<String> inserts(String prefix) {
            return inserts.stream().map(i -> prefixed(i, prefix)).toList();
        }

        /** The names of the schemas the setup creates, prefixed, unquoted. */
        public List<String> schemas(String prefix) {
            List<String> schemas = new ArrayList<>();
            Matcher m = CREATE_SCHEMA.matcher(setup(prefix));
            while (m.find()) {
                String name = m.group(1);
                schemas.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name);
            }
            return schemas;
        }

        @Override
        public String toString() {
            return name;
        }

        private static String prefixed(String sql, String prefix) {
            return sql.replace("{a}", prefix + "a").replace("{b}", prefix + "b");
        }
    }

    private static final Pattern CREATE_SCHEMA = Pattern.compile("CREATE SCHEMA (\"(?:[^\"]|\"\")*\"|\\w+)");

    private static final String INSERT_T = "INSERT INTO {a}.t DEFAULT VALUES";

    /** Every case, in the order the documentation lists them. */
    public static final List<EdgeCase> ALL = List.of(
            new EdgeCase("called", "is_called = true", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id serial PRIMARY KEY);
                    INSERT INTO {a}.t SELECT FROM generate_series(1, 3); INSERT INTO {a}.t VALUES (10);""",
                    List.of(INSERT_T)),
            new EdgeCase("not_called_at_max", "is_called = false at the maximum", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id serial PRIMARY KEY);
                    INSERT INTO {a}.t VALUES (1), (2), (3), (4), (5); SELECT setval('{a}.t_id_seq', 5, false);""",
                    List.of(INSERT_T)),
            new EdgeCase("empty_used", "empty table, sequence already used", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id serial PRIMARY KEY);
                    INSERT INTO {a}.t SELECT FROM generate_series(1, 42); DELETE FROM {a}.t;""",
                    List.of(INSERT_T)),
            new EdgeCase("empty_start_min", "empty table, START 1000 MINVALUE 100", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s MINVALUE 100 START 1000;
                    CREATE TABLE {a}.t (id int PRIMARY KEY DEFAULT nextval('{a}.s'));
                    ALTER SEQUENCE {a}.s OWNED BY {a}.t.id;""",
                    List.of(INSERT_T)),
            new EdgeCase("start_min_data", "START 1000 MINVALUE 100, rows below and above START", """
                    CREATE SCHEMA {a};
                    CREATE SEQUENCE {a}.low_seq MINVALUE 100 START 1000;
                    CREATE TABLE {a}.low (id int PRIMARY KEY DEFAULT nextval('{a}.low_seq')); INSERT INTO {a}.low VALUES (150);
                    CREATE SEQUENCE {a}.high_seq MINVALUE 100 START 1000;
                    CREATE TABLE {a}.high (id int PRIMARY KEY DEFAULT nextval('{a}.high_seq'));
                    INSERT INTO {a}.high VALUES (1000), (2000);""",
                    List.of("INSERT INTO {a}.low DEFAULT VALUES", "INSERT INTO {a}.high DEFAULT VALUES")),
            new EdgeCase("increment", "INCREMENT 10", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s INCREMENT 10;
                    CREATE TABLE {a}.t (id bigint PRIMARY KEY DEFAULT nextval('{a}.s'));
                    ALTER SEQUENCE {a}.s OWNED BY {a}.t.id; INSERT INTO {a}.t SELECT g FROM generate_series(1, 95) g;""",
                    List.of(INSERT_T)),
            new EdgeCase("descending", "descending sequence", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s INCREMENT -1 MINVALUE -1000 MAXVALUE -1 START -1;
                    CREATE TABLE {a}.t (id int PRIMARY KEY DEFAULT nextval('{a}.s')); ALTER SEQUENCE {a}.s OWNED BY {a}.t.id;
                    INSERT INTO {a}.t SELECT -g FROM generate_series(1, 10) g;""",
                    List.of(INSERT_T)),
            new EdgeCase("identity_always", "identity ALWAYS", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                    INSERT INTO {a}.t OVERRIDING SYSTEM VALUE SELECT g FROM generate_series(1, 20) g;""",
                    List.of(INSERT_T)),
            new EdgeCase("identity_by_default", "identity BY DEFAULT", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);
                    INSERT INTO {a}.t SELECT g FROM generate_series(1, 30) g;""",
                    List.of(INSERT_T)),
            new EdgeCase("shared", "sequence shared by tables in two schemas", """
                    CREATE SCHEMA {a}; CREATE SCHEMA {b}; CREATE SEQUENCE {a}.global_id;
                    CREATE TABLE {a}.orders (id bigint PRIMARY KEY DEFAULT nextval('{a}.global_id'));
                    CREATE TABLE {b}.invoices (id bigint PRIMARY KEY DEFAULT nextval('{a}.global_id'));
                    INSERT INTO {a}.orders SELECT g FROM generate_series(1, 10) g;
                    INSERT INTO {b}.invoices SELECT g FROM generate_series(11, 500) g;""",
                    List.of("INSERT INTO {a}.orders DEFAULT VALUES", "INSERT INTO {b}.invoices DEFAULT VALUES")),
            new EdgeCase("same_name", "same table name in two schemas", """
                    CREATE SCHEMA {a}; CREATE SCHEMA {b};
                    CREATE TABLE {a}.items (id serial PRIMARY KEY); CREATE TABLE {b}.items (id serial PRIMARY KEY);
                    INSERT INTO {a}.items SELECT g FROM generate_series(1, 300) g;
                    INSERT INTO {b}.items SELECT g FROM generate_series(1, 3) g;""",
                    List.of("INSERT INTO {a}.items DEFAULT VALUES", "INSERT INTO {b}.items DEFAULT VALUES")),
            new EdgeCase("partitioned", "partitioned table", """
                    CREATE SCHEMA {a};
                    CREATE TABLE {a}.ev (id bigserial, at date NOT NULL DEFAULT '2026-03-01', PRIMARY KEY (id, at))
                        PARTITION BY RANGE (at);
                    CREATE TABLE {a}.ev25 PARTITION OF {a}.ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                    CREATE TABLE {a}.ev26 PARTITION OF {a}.ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                    INSERT INTO {a}.ev SELECT g, '2025-03-01' FROM generate_series(1, 5) g;
                    INSERT INTO {a}.ev SELECT g, '2026-03-01' FROM generate_series(6, 900) g;
                    CREATE UNIQUE INDEX ON {a}.ev26 (id);""",
                    List.of("INSERT INTO {a}.ev DEFAULT VALUES")),
            new EdgeCase("inheritance", "inheritance child holds the maximum", """
                    CREATE SCHEMA {a};
                    CREATE TABLE {a}.animals (id serial PRIMARY KEY); CREATE TABLE {a}.dogs () INHERITS ({a}.animals);
                    CREATE UNIQUE INDEX ON {a}.dogs (id); INSERT INTO {a}.animals VALUES (1);
                    INSERT INTO {a}.dogs SELECT g FROM generate_series(2, 50) g;""",
                    List.of("INSERT INTO {a}.dogs DEFAULT VALUES")),
            new EdgeCase("quoted", "quoted mixed-case names", """
                    CREATE SCHEMA "{a}Sales"; CREATE TABLE "{a}Sales"."Order Lines" ("Id" serial PRIMARY KEY);
                    INSERT INTO "{a}Sales"."Order Lines" SELECT g FROM generate_series(1, 77) g;""",
                    List.of("INSERT INTO \"{a}Sales\".\"Order Lines\" DEFAULT VALUES")),
            new EdgeCase("hostile", "names with quotes, dollar quotes, a backslash, unicode, reserved words", """
                    CREATE SCHEMA "{a}; x ""$resync$"" \\ ''";
                    CREATE TABLE "{a}; x ""$resync$"" \\ ''"."select" ("Id$'); --" serial PRIMARY KEY,
                        "ünï" bigint GENERATED BY DEFAULT AS IDENTITY UNIQUE);
                    INSERT INTO "{a}; x ""$resync$"" \\ ''"."select" VALUES (7, 8);""",
                    List.of("INSERT INTO \"{a}; x \"\"$resync$\"\" \\ ''\".\"select\" DEFAULT VALUES")),
            new EdgeCase("ahead", "sequence ahead of the data", """
                    CREATE SCHEMA {a}; CREATE TABLE {a}.t (id serial PRIMARY KEY);
                    INSERT INTO {a}.t SELECT g FROM generate_series(1, 10) g; SELECT setval('{a}.t_id_seq', 500);""",
                    List.of(INSERT_T)),
            new EdgeCase("numeric_domain_owned", "numeric column, domain over bigint, OWNED BY without a default", """
                    CREATE SCHEMA {a}; CREATE DOMAIN {a}.pid AS bigint CHECK (VALUE > 0);
                    CREATE SEQUENCE {a}.n; CREATE TABLE {a}.num (id numeric(20) PRIMARY KEY DEFAULT nextval('{a}.n'));
                    INSERT INTO {a}.num VALUES (12345.5);
                    CREATE SEQUENCE {a}.d; CREATE TABLE {a}.dom (id {a}.pid PRIMARY KEY DEFAULT nextval('{a}.d'));
                    INSERT INTO {a}.dom VALUES (64);
                    CREATE TABLE {a}.own (id bigint PRIMARY KEY); CREATE SEQUENCE {a}.o OWNED BY {a}.own.id;
                    INSERT INTO {a}.own VALUES (77);""",
                    List.of("INSERT INTO {a}.num DEFAULT VALUES", "INSERT INTO {a}.dom DEFAULT VALUES",
                            "INSERT INTO {a}.own VALUES (nextval('{a}.o'))")),
            new EdgeCase("trigger", "ids a BEFORE INSERT trigger assigns from a sequence", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s; CREATE SEQUENCE {a}.d INCREMENT -1 MAXVALUE -1 START -1;
                    CREATE TABLE {a}.t (id bigint PRIMARY KEY, down int UNIQUE);
                    CREATE FUNCTION {a}.f() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN
                        NEW.id := nextval('{a}.s'); SELECT nextval('{a}.d'::regclass) INTO STRICT NEW.down; RETURN NEW; END $f$;
                    CREATE TRIGGER t_ids BEFORE INSERT ON {a}.t FOR EACH ROW EXECUTE FUNCTION {a}.f();
                    INSERT INTO {a}.t DEFAULT VALUES; ALTER TABLE {a}.t DISABLE TRIGGER t_ids;
                    INSERT INTO {a}.t SELECT g, -g FROM generate_series(2, 40) g; ALTER TABLE {a}.t ENABLE TRIGGER t_ids;""",
                    List.of(INSERT_T)),
            new EdgeCase("text_default", "a default naming its sequence by text, nextval('s'::text)", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s;
                    CREATE TABLE {a}.t (id int PRIMARY KEY DEFAULT nextval('{a}.s'::text));
                    INSERT INTO {a}.t VALUES (1), (2), (25);""",
                    List.of(INSERT_T)),
            new EdgeCase("domain_default", "a domain whose default calls nextval(), a domain over it", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s; CREATE SEQUENCE {a}.n;
                    CREATE DOMAIN {a}.id AS bigint DEFAULT nextval('{a}.s');
                    CREATE DOMAIN {a}.positive_id AS {a}.id CHECK (VALUE > 0);
                    CREATE DOMAIN {a}.by_text AS int DEFAULT nextval('{a}.n'::text);
                    CREATE TABLE {a}.t (id {a}.id PRIMARY KEY); CREATE TABLE {a}.u (id {a}.positive_id PRIMARY KEY);
                    CREATE TABLE {a}.v (id {a}.by_text PRIMARY KEY);
                    INSERT INTO {a}.t VALUES (1), (30); INSERT INTO {a}.u VALUES (45); INSERT INTO {a}.v VALUES (7);""",
                    List.of(INSERT_T, "INSERT INTO {a}.u DEFAULT VALUES", "INSERT INTO {a}.v DEFAULT VALUES")),
            new EdgeCase("function_default", "a default calling a function whose body is nextval()", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s; CREATE SEQUENCE {a}.p; CREATE SEQUENCE {a}.q;
                    CREATE FUNCTION {a}.next_s() RETURNS bigint LANGUAGE sql AS $f$ SELECT nextval('{a}.s') $f$;
                    CREATE FUNCTION {a}.next_p() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN RETURN nextval('{a}.p'); END $f$;
                    DO $d$ BEGIN IF current_setting('server_version_num')::int >= 140000 THEN
                        EXECUTE 'CREATE FUNCTION {a}.next_q() RETURNS bigint LANGUAGE sql RETURN nextval(''{a}.q'')';
                    ELSE
                        EXECUTE 'CREATE FUNCTION {a}.next_q() RETURNS bigint LANGUAGE sql AS ''SELECT nextval(''''{a}.q'''')''';
                    END IF; END $d$;
                    CREATE TABLE {a}.t (id bigint PRIMARY KEY DEFAULT {a}.next_s());
                    CREATE TABLE {a}.u (id int PRIMARY KEY DEFAULT {a}.next_p());
                    CREATE TABLE {a}.v (id int PRIMARY KEY DEFAULT {a}.next_q());
                    INSERT INTO {a}.t VALUES (1), (30); INSERT INTO {a}.u VALUES (45); INSERT INTO {a}.v VALUES (7);""",
                    List.of(INSERT_T, "INSERT INTO {a}.u DEFAULT VALUES", "INSERT INTO {a}.v DEFAULT VALUES")),
            new EdgeCase("expression_defaults", "nextval() in an expression, or in a text column", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.n; CREATE SEQUENCE {a}.m;
                    CREATE TABLE {a}.inv (code text DEFAULT 'INV-' || nextval('{a}.n'));
                    CREATE TABLE {a}.scaled (id bigint DEFAULT nextval('{a}.n') * 10);
                    CREATE TABLE {a}.codes (code text DEFAULT nextval('{a}.m')::text);
                    CREATE TABLE {a}.ids (id int PRIMARY KEY DEFAULT nextval('{a}.m'));
                    INSERT INTO {a}.inv VALUES ('INV-900'); INSERT INTO {a}.scaled VALUES (9000);
                    INSERT INTO {a}.ids VALUES (40);""",
                    List.of()),
            new EdgeCase("numeric_nan", "NaN in a numeric column", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s; CREATE TABLE {a}.t (id numeric DEFAULT nextval('{a}.s'));
                    INSERT INTO {a}.t VALUES (5), ('NaN');
                    CREATE SEQUENCE {a}.down INCREMENT -1 MINVALUE -100 MAXVALUE -1 START -1;
                    CREATE TABLE {a}.d (id numeric DEFAULT nextval('{a}.down')); INSERT INTO {a}.d VALUES (-5), ('NaN');""",
                    List.of()),
            new EdgeCase("view_default", "a default on a view column", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s; CREATE TABLE {a}.base (id int, kind text);
                    CREATE VIEW {a}.active AS SELECT * FROM {a}.base WHERE kind = 'active';
                    ALTER VIEW {a}.active ALTER COLUMN id SET DEFAULT nextval('{a}.s');
                    INSERT INTO {a}.base VALUES (5, 'active'), (50, 'archived');""",
                    List.of()),
            new EdgeCase("foreign", "rows on another server: a foreign table, a foreign partition", """
                    CREATE EXTENSION IF NOT EXISTS file_fdw; CREATE SCHEMA {a};
                    CREATE SERVER "{a}_files" FOREIGN DATA WRAPPER file_fdw;
                    CREATE TABLE {a}.ev (id bigserial, k int NOT NULL) PARTITION BY LIST (k);
                    CREATE TABLE {a}.ev_here PARTITION OF {a}.ev (PRIMARY KEY (id)) FOR VALUES IN (1);
                    INSERT INTO {a}.ev SELECT g, 1 FROM generate_series(1, 10) g;
                    CREATE SEQUENCE {a}.s;
                    DO $f$
                    DECLARE
                        file text := current_setting('data_directory') || '/sequence_resync_' || current_database() || '_{a}.csv';
                    BEGIN
                        EXECUTE format('COPY (SELECT g, 2 FROM generate_series(11, 60) g) TO %L (FORMAT csv)', file);
                        EXECUTE format('CREATE FOREIGN TABLE {a}.ev_archive PARTITION OF {a}.ev FOR VALUES IN (2)'
                                       ' SERVER "{a}_files" OPTIONS (filename %L, format %L)', file, 'csv');
                        EXECUTE format('CREATE FOREIGN TABLE {a}.imported (id int DEFAULT nextval(%L), k int)'
                                       ' SERVER "{a}_files" OPTIONS (filename %L, format %L)', '{a}.s', file, 'csv');
                    END $f$;
                    ALTER SEQUENCE {a}.s OWNED BY {a}.imported.id;""",
                    List.of("INSERT INTO {a}.ev (k) VALUES (1)")),
            new EdgeCase("foreign_unreadable", "a foreign table its server cannot read", """
                    CREATE EXTENSION IF NOT EXISTS file_fdw; CREATE SCHEMA {a};
                    CREATE SERVER "{a}_files" FOREIGN DATA WRAPPER file_fdw;
                    CREATE SEQUENCE {a}.s;
                    CREATE FOREIGN TABLE {a}.lost (id int DEFAULT nextval('{a}.s'))
                        SERVER "{a}_files" OPTIONS (filename '{a}_no_such_file.csv', format 'csv');
                    ALTER SEQUENCE {a}.s OWNED BY {a}.lost.id;
                    CREATE TABLE {a}.t (id serial PRIMARY KEY); INSERT INTO {a}.t VALUES (5);""",
                    List.of()),
            new EdgeCase("above_max", "a value above MAXVALUE", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s MAXVALUE 1000;
                    CREATE TABLE {a}.t (id int DEFAULT nextval('{a}.s')); INSERT INTO {a}.t VALUES (5000);""",
                    List.of()),
            new EdgeCase("at_max", "a value at MAXVALUE", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s MAXVALUE 1000;
                    CREATE TABLE {a}.t (id int DEFAULT nextval('{a}.s')); INSERT INTO {a}.t VALUES (1000);""",
                    List.of()),
            new EdgeCase("near_max", "a sequence nine tenths through its range: a capacity warning", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s MAXVALUE 1000;
                    CREATE TABLE {a}.t (id int DEFAULT nextval('{a}.s')); INSERT INTO {a}.t VALUES (950);""",
                    List.of()),
            new EdgeCase("cycle_wrap", "a CYCLE sequence about to wrap", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s MAXVALUE 100 CYCLE;
                    CREATE TABLE {a}.t (id int DEFAULT nextval('{a}.s')); INSERT INTO {a}.t VALUES (100);""",
                    List.of()),
            new EdgeCase("narrow_column", "an int column fed by a bigint sequence past its range", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.s AS bigint;
                    CREATE TABLE {a}.t (id int DEFAULT nextval('{a}.s')); INSERT INTO {a}.t VALUES (2147483647);""",
                    List.of()),
            new EdgeCase("unlinked", "a sequence no column uses (Hibernate-style, INCREMENT 50)", """
                    CREATE SCHEMA {a}; CREATE SEQUENCE {a}.lonely INCREMENT 50; SELECT setval('{a}.lonely', 700);
                    CREATE SEQUENCE {a}.orders_seq INCREMENT 50; CREATE TABLE {a}.orders (id bigint PRIMARY KEY);
                    INSERT INTO {a}.orders VALUES (730);""",
                    List.of()));

    private EdgeCases() {
    }

    /** The case of this name. */
    public static EdgeCase named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no edge case " + name));
    }
}
