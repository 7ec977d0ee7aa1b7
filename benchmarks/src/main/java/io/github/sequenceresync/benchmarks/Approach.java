package io.github.sequenceresync.benchmarks;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways people resync sequences today, written afresh as SQL from the facts in
 * shared/reference/anchors-and-edge-cases.md (not copied from the tools), and this library. Each
 * runs over the whole database, as the tool would.
 */
public enum Approach {

    /** The PostgreSQL wiki "Fixing Sequences": setval(seq, COALESCE(MAX(col), 1)) for every linked sequence, tables joined by name only. */
    WIKI("PostgreSQL wiki script") {
        @Override
        void apply(Connection c) throws SQLException {
            runGenerated(c, """
                    SELECT format('SELECT setval(%L, COALESCE(MAX(%I), 1)) FROM %I.%I',
                                  quote_ident(sn.nspname) || '.' || quote_ident(s.relname), a.attname, pt.schemaname, t.relname)
                    FROM pg_class s
                    JOIN pg_namespace sn ON sn.oid = s.relnamespace
                    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refobjsubid > 0
                    JOIN pg_class t ON t.oid = d.refobjid
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    JOIN pg_tables pt ON pt.tablename = t.relname   -- by name only, as the classic script
                    WHERE s.relkind = 'S' AND sn.nspname NOT IN ('pg_catalog', 'information_schema')
                    ORDER BY s.relname, pt.schemaname
                    """);
        }
    },

    /** Django sqlsequencereset: first auto column of each table, pg_get_serial_sequence, is_called = max IS NOT NULL. */
    DJANGO("Django sqlsequencereset") {
        @Override
        void apply(Connection c) throws SQLException {
            runGenerated(c, """
                    SELECT format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 1), max(%I) IS NOT null) FROM %I.%I',
                                  quote_ident(n.nspname) || '.' || quote_ident(t.relname), a.attname, a.attname, a.attname,
                                  n.nspname, t.relname)
                    FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                    WHERE i.indisprimary AND i.indnatts = 1 AND t.relkind IN ('r', 'p') AND NOT t.relispartition
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
                    """);
        }
    },

    /** Rails reset_pk_sequence!: primary key only, setval(seq, max || MINVALUE, max IS NOT NULL). */
    RAILS("Rails reset_pk_sequence!") {
        @Override
        void apply(Connection c) throws SQLException {
            runGenerated(c, """
                    SELECT format('SELECT setval(%1$L, coalesce(max(%2$I), (SELECT seqmin FROM pg_sequence WHERE seqrelid = %1$L::regclass)), '
                                  'max(%2$I) IS NOT NULL) FROM %3$I.%4$I',
                                  coalesce(pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(t.relname), a.attname),
                                           substring(pg_get_expr(ad.adbin, ad.adrelid) from 'nextval\\(''(.*)''::regclass\\)')),
                                  a.attname, n.nspname, t.relname)
                    FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                    LEFT JOIN pg_attrdef ad ON ad.adrelid = t.oid AND ad.adnum = a.attnum
                    WHERE i.indisprimary AND i.indnatts = 1 AND t.relkind IN ('r', 'p') AND NOT t.relispartition
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
                      AND (pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(t.relname), a.attname) IS NOT NULL
                           OR pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%')
                    """);
        }
    },

    /** pgloader "reset sequences": nextval() defaults only, greatest(max(col), seqmin, 1) from ONLY the table. */
    PGLOADER("pgloader reset sequences") {
        @Override
        void apply(Connection c) throws SQLException {
            runGenerated(c, """
                    SELECT format('SELECT setval(%1$L, greatest((SELECT max(%2$I) FROM ONLY %3$I.%4$I), '
                                  '(SELECT seqmin FROM pg_sequence WHERE seqrelid = %1$L::regclass), 1))',
                                  substring(pg_get_expr(ad.adbin, ad.adrelid) from 'nextval\\(''(.*)''::regclass\\)'),
                                  a.attname, n.nspname, t.relname)
                    FROM pg_attrdef ad
                    JOIN pg_class t ON t.oid = ad.adrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ad.adnum
                    WHERE pg_get_expr(ad.adbin, ad.adrelid) ~ '^nextval\\('
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                    """);
        }
    },

    /** cybertec pg_sequence_fixer: owned and identity sequences, setval(seq, max + margin), margin 1, empty tables skipped. */
    CYBERTEC("cybertec pg_sequence_fixer") {
        @Override
        void apply(Connection c) throws SQLException {
            runGenerated(c, """
                    SELECT format('SELECT setval(%L, max(%I) + 1) FROM %I.%I HAVING max(%I) IS NOT NULL',
                                  s.oid::regclass::text, a.attname, tn.nspname, t.relname, a.attname)
                    FROM pg_class s
                    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                                     AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                    JOIN pg_class t ON t.oid = d.refobjid
                    JOIN pg_namespace tn ON tn.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    WHERE s.relkind = 'S'
                    """);
        }
    },

    /** A hand-written Flyway Java callback: for each owned sequence, query max in Java, then setval(seq, max). */
    JAVA_LOOP("hand-written JDBC loop") {
        @Override
        void apply(Connection c) throws SQLException {
            List<String[]> owned = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT s.oid::regclass::text, format('%I', a.attname), t.oid::regclass::text
                    FROM pg_class s
                    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                                     AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                    JOIN pg_class t ON t.oid = d.refobjid
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    WHERE s.relkind = 'S'""")) {
                while (rs.next()) {
                    owned.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] o : owned) {
                long max;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT max(" + o[1] + ") FROM " + o[2])) {
                    rs.next();
                    max = rs.getLong(1);
                    if (rs.wasNull()) {
                        continue;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?)")) {
                    ps.setString(1, o[0]);
                    ps.setLong(2, max);
                    ps.execute();
                }
            }
        }
    },

    /** The speed floor: a server-side PL/pgSQL loop, setval(seq, max(col)) for every owned sequence. */
    PLPGSQL_LOOP("PL/pgSQL setval(max) loop") {
        @Override
        void apply(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        DO $$
                        DECLARE r record; m bigint;
                        BEGIN
                            FOR r IN SELECT d.objid::regclass AS seq, d.refobjid::regclass AS tbl, a.attname
                                     FROM pg_depend d
                                     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                     JOIN pg_class c ON c.oid = d.objid
                                     WHERE d.deptype IN ('a', 'i') AND c.relkind = 'S' AND d.refobjsubid > 0
                            LOOP
                                EXECUTE format('SELECT max(%I) FROM %s', r.attname, r.tbl) INTO m;
                                IF m IS NOT NULL THEN PERFORM setval(r.seq, m); END IF;
                            END LOOP;
                        END $$""");
            }
        }
    },

    /** This library, default options. */
    SEQUENCE_RESYNC("sequence-resync") {
        @Override
        void apply(Connection c) {
            SequenceResync.with(ResyncOptions.defaults()).run(c);
        }
    };

    private final String label;

    Approach(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    abstract void apply(Connection c) throws SQLException;

    /** Runs the statements a generator query produces, one by one, as the tool's script would. */
    private static void runGenerated(Connection c, String generator) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(generator)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    statements.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Public entry for the benchmark and the matrix. */
    public void run(Connection c) throws SQLException {
        apply(c);
    }
}
