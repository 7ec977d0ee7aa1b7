package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the resync needs from the system catalogs: one statement to check, one to discover. */
final class Catalog {

    /**
     * Server facts, the requested schemas that do not exist (as the error says it), the caller's
     * column mappings resolved to oids (the first that fails the run, as the error says it, and the
     * optional ones left out, as notes), and the other notes about the run as a whole.
     * {@code to_regclass} applies the usual SQL rules: unquoted names fold to lower case,
     * unqualified names follow search_path. The SQL script runs this statement too.
     * <p>
     * Then, once the mappings are resolved (the CTEs are materialized first), it sets the run's
     * settings for the transaction ({@link RunSettings}): search_path {@value RunSettings#SAFE_SEARCH_PATH},
     * so that the statements after it find PostgreSQL's own functions and operators only (under
     * the caller's search_path, a function or operator planted in a schema others can create in,
     * with argument types closer to ours than the built-in one's, would run with the resync's
     * privileges: CVE-2018-1058); and lock_timeout, the run's or the caller's where that is lower
     * (0, the default, means none). This statement itself names pg_catalog's functions and casts to
     * exact types.
     */
    static final NamedSql PREFLIGHT = new NamedSql(ServerVersion.inSql(Message.inSql("""
            WITH mapping AS MATERIALIZED (
                -- each column mapping's names resolved as SQL resolves them, and what does not exist
                SELECT m.i, m.optional, m.which, s.oid AS seq, t.oid AS tbl, a.attnum,
                       CASE WHEN s.oid IS NULL THEN pg_catalog.format({Message.NO_SEQUENCE}, m.seq)
                            WHEN t.oid IS NULL THEN pg_catalog.format({Message.NO_TABLE}, m.tbl)
                            WHEN a.attnum IS NULL THEN pg_catalog.format({Message.NO_COLUMN}, m.col, m.tbl)
                       END AS missing
                FROM ROWS FROM (pg_catalog.unnest(${map_seq_names}::text[]), pg_catalog.unnest(${map_tbl_names}::text[]),
                                pg_catalog.unnest(${map_col_names}::text[]), pg_catalog.unnest(${map_optional}::bool[]),
                                pg_catalog.unnest(${map_which}::text[]))
                     WITH ORDINALITY AS m(seq, tbl, col, optional, which, i)
                CROSS JOIN LATERAL (SELECT pg_catalog.to_regclass(m.seq)::oid AS oid) AS s
                CROSS JOIN LATERAL (SELECT pg_catalog.to_regclass(m.tbl)::oid AS oid) AS t
                LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = t.oid AND a.attname = m.col::name
                                                      AND a.attnum > 0::int2 AND NOT a.attisdropped
            ), preflight AS MATERIALIZED (
                SELECT pg_catalog.current_setting('transaction_read_only') = 'on' AS read_only,
                       -- READ UNCOMMITTED is READ COMMITTED in PostgreSQL; above it, one snapshot serves the
                       -- whole transaction, taken by this statement, before the run waits for any lock
                       pg_catalog.current_setting('transaction_isolation') IN ('read committed', 'read uncommitted')
                           AS snapshot_per_statement,
                       pg_catalog.current_setting('server_version_num')::int >= {ServerVersion.SEQUENCE_DATA_FUNCTION}
                           AS sequence_data_function,
                       pg_catalog.current_setting('search_path') AS caller_search_path,
                       pg_catalog.current_setting('lock_timeout') AS caller_lock_timeout,
                       -- the caller's, left as it is: what ends a statement that runs too long, a lock wait too
                       pg_catalog.current_setting('statement_timeout') AS statement_timeout,
                       -- PostgreSQL 17's, which ends the session (NULL before 17): named if it strikes
                       pg_catalog.current_setting('transaction_timeout', true) AS transaction_timeout,
                       -- what an unqualified name in a trigger's nextval('name') resolves with
                       pg_catalog.current_schemas(true)::text[] AS caller_schemas,
                       (SELECT s.setting::int8 FROM pg_catalog.pg_settings AS s WHERE s.name = 'lock_timeout')
                           AS caller_lock_timeout_ms,
                       (SELECT pg_catalog.format({Message.MISSING_SCHEMA}, ${schemas_option}::text, pg_catalog.string_agg(x.s, ', ' ORDER BY x.i))
                        FROM pg_catalog.unnest(${schemas}::text[]) WITH ORDINALITY AS x(s, i)
                        WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname = x.s::name)
                        HAVING pg_catalog.count(*) > 0) AS missing_schemas,
                       -- a mapping a user wrote must exist; one read from an application's mapping (optional)
                       -- is left out with a note. The resolved ones: NULL where left out
                       (SELECT pg_catalog.format({Message.MAPPING_MISSING}, ${mappings_option}::text, m.missing, m.which) FROM mapping AS m
                        WHERE m.missing IS NOT NULL AND NOT m.optional ORDER BY m.i LIMIT 1) AS mapping_error,
                       ARRAY(SELECT m.seq FROM mapping AS m ORDER BY m.i) AS mapped_sequences,
                       ARRAY(SELECT m.tbl FROM mapping AS m ORDER BY m.i) AS mapped_tables,
                       ARRAY(SELECT m.attnum FROM mapping AS m ORDER BY m.i) AS mapped_columns,
                       -- the report's notes about the run as a whole
                       ARRAY(SELECT pg_catalog.format({Message.LINK_LEFT_OUT}, m.missing, m.which) FROM mapping AS m
                             WHERE m.missing IS NOT NULL AND m.optional ORDER BY m.i)
                       || CASE WHEN pg_catalog.current_setting('server_version_num')::int
                                    >= {ServerVersion.NEWEST_TESTED} + 10000
                               THEN ARRAY[pg_catalog.format({Message.NEWER_THAN_TESTED},
                                                            pg_catalog.current_setting('server_version'))]
                               ELSE '{}'::text[] END AS notes
            )
            SELECT p.*, pg_catalog.set_config('search_path', '{SAFE}', true) AS search_path,
                   pg_catalog.set_config('lock_timeout',
                       CASE WHEN p.caller_lock_timeout_ms BETWEEN 1 AND ${lock_timeout_ms}::int8 THEN p.caller_lock_timeout
                            ELSE ${lock_timeout_ms}::int8::text || 'ms' END, true) AS lock_timeout
            FROM preflight AS p
            """.replace("{SAFE}", RunSettings.SAFE_SEARCH_PATH))));

    /**
     * The search_path an unqualified name in function {@code p}'s body resolves with: the one it sets
     * for itself, else its caller's, {@code callerPath} (a text[]): a function's SET search_path holds
     * for the functions it calls too.
     */
    private static String functionPath(String callerPath) {
        return """
                coalesce((SELECT regexp_split_to_array(substr(cfg, 13), '\\s*,\\s*')
                          FROM unnest(p.proconfig) AS cfg WHERE cfg LIKE 'search_path=%'),
                         {CALLER})""".replace("{CALLER}", callerPath);
    }

    /**
     * Whether a default's stored parse tree ({@code tree}, as text) holds one plain function call and
     * at most casts around it: no second plain call (funcformat 0; casts are 1 and 2) and no node but
     * function calls, constants and casts. Which function that call is, the caller checks.
     */
    private static String castsAroundOneCall(String tree) {
        return tree + " NOT LIKE '%:funcformat 0 %:funcformat 0 %'"
                + " AND " + tree + " !~ '\\{(?!FUNCEXPR |CONST |RELABELTYPE |COERCETODOMAIN )'";
    }

    /**
     * A regex (SQL text, for {@code ~*}) of a call of nextval with the sequence's name as a literal,
     * maybe qualified, maybe cast: {@code pg_catalog.nextval('s'::regclass)::integer}.
     */
    private static final String NEXTVAL_CALL = "'(?:pg_catalog\\s*\\.\\s*)?nextval\\s*\\(\\s*''[^'']+''"
            + "(?:\\s*::\\s*regclass)?\\s*\\)(?:\\s*::\\s*[a-z0-9_ .\"]+)?'";

    /**
     * Every sequence in scope with every column that uses it, privileges included, in one round trip.
     * A column uses a sequence by the catalog (owner, identity, default), by a column mapping, by a
     * link rule, or by a trigger that fills it from the sequence; {@code link} says which of the last
     * three when the catalog does not (null when it does). For a sequence no column uses,
     * {@code unlinked} is the warning that says so, with the candidates the database shows.
     */
    static final NamedSql DISCOVER = new NamedSql(ServerVersion.inSql("""
            WITH insert_trigger AS MATERIALIZED (
                -- BEFORE INSERT row triggers (tgtype bits: row 1, before 2, insert 4; instead-of 64
                -- not) in PL/pgSQL, read once for all sequences, with the search_path an unqualified
                -- name in their function resolves with: the function's own, if it sets one
                SELECT tg.tgname, tg.tgrelid, p.oid AS fn, p.prosrc, {FUNCTION_PATH(${search_path}::text[])} AS path
                FROM pg_trigger tg
                JOIN pg_proc p ON p.oid = tg.tgfoid
                JOIN pg_language l ON l.oid = p.prolang AND l.lanname = 'plpgsql'
                WHERE NOT tg.tgisinternal AND (tg.tgtype::int & 71) = 7
            ),
            trigger_call AS MATERIALIZED (
                -- Each nextval('name') a trigger's source shows, and for each of the forms that put
                -- the value itself in a column of the new row, that column:
                --   NEW.col := nextval('s');  NEW.col = nextval('s'::regclass);
                --   SELECT nextval('s') INTO [STRICT] NEW.col;
                -- A call the source shows in no such form (in an expression, written elsewhere, in
                -- EXECUTE's text) is not trusted: it only makes a warning.
                SELECT t.tgname, t.tgrelid, t.fn, m.col, m.lit, t.path
                FROM insert_trigger AS t
                CROSS JOIN LATERAL (
                    SELECT x[1] AS col, x[2] AS lit
                    FROM regexp_matches(t.prosrc,
                             '(?:^|[^a-z0-9_$.])new\\s*\\.\\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\\s*:?=\\s*'
                             '(?:pg_catalog\\s*\\.\\s*)?nextval\\s*\\(\\s*''([^'']+)''(?:\\s*::\\s*regclass)?\\s*\\)\\s*;',
                             'gi') AS x
                    UNION ALL
                    SELECT x[2], x[1]
                    FROM regexp_matches(t.prosrc,
                             '(?:^|[^a-z0-9_$.])select\\s+(?:pg_catalog\\s*\\.\\s*)?nextval\\s*\\(\\s*''([^'']+)'''
                             '(?:\\s*::\\s*regclass)?\\s*\\)\\s+into\\s+(?:strict\\s+)?new\\s*\\.\\s*'
                             '("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\\s*;',
                             'gi') AS x
                    UNION ALL
                    -- every call with a literal name, also inside EXECUTE's text (quotes doubled)
                    SELECT NULL, x[1] FROM regexp_matches(t.prosrc, 'nextval\\s*\\(\\s*''{1,2}([^'']+)''', 'gi') AS x
                ) AS m
                WHERE t.prosrc ~* 'nextval'
            ),
            trigger_function_call AS MATERIALIZED (
                -- NEW.col := f();  the function of the user's so called (without arguments), found as
                -- the trigger's search_path finds it; wrapper decides whether it stands for nextval
                SELECT t.tgname, t.tgrelid, t.fn, x[1] AS col, f.oid AS wrapper, t.path
                FROM insert_trigger AS t
                CROSS JOIN LATERAL regexp_matches(t.prosrc,
                        '(?:^|[^a-z0-9_$.])new\\s*\\.\\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\\s*:?=\\s*'
                        '(?:([a-z_][a-z0-9_$]*)\\s*\\.\\s*)?([a-z_][a-z0-9_$]*)\\s*\\(\\s*\\)\\s*;', 'gi') AS x
                CROSS JOIN LATERAL (
                    SELECT sf.oid
                    FROM pg_proc sf
                    JOIN pg_namespace sfn ON sfn.oid = sf.pronamespace
                    LEFT JOIN unnest(t.path) WITH ORDINALITY AS sp(name, pos) ON btrim(sp.name, '"') = sfn.nspname
                    WHERE sf.proname = lower(x[3]) AND sf.pronargs = 0
                      AND (sfn.nspname = lower(x[2]) OR (x[2] IS NULL AND sp.pos IS NOT NULL))
                    ORDER BY sp.pos
                    LIMIT 1) AS f
            ),
            domain_column AS MATERIALIZED (
                -- columns that take their default from their domain (CREATE DOMAIN .. DEFAULT nextval(..)
                -- or a wrapper's call): no default of their own, which would win; in a table, whose
                -- inserts apply it. The default and its dependencies are the domain's (a domain over it
                -- holds a copy of both); pg_attribute is read only when some domain's default calls
                -- nextval or a function of the user's. seqs, fns: the sequences and functions the default
                -- depends on (no sequence when it names it by text)
                SELECT a.attrelid AS tbl, a.attnum, ty.bin, format('its domain %s''s default', ty.oid::regtype) AS whose,
                       ty.seqs, ty.fns
                FROM (SELECT ty.oid, ty.typdefaultbin AS bin,
                             ARRAY(SELECT d.refobjid FROM pg_depend d
                                   WHERE d.classid = 'pg_type'::regclass AND d.objid = ty.oid AND d.objsubid = 0
                                     AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n') AS seqs,
                             ARRAY(SELECT d.refobjid FROM pg_depend d
                                   WHERE d.classid = 'pg_type'::regclass AND d.objid = ty.oid AND d.objsubid = 0
                                     AND d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n') AS fns
                      FROM pg_type ty
                      WHERE ty.typtype = 'd' AND ty.typdefaultbin IS NOT NULL
                      -- a fence: without it the planner scans pg_attribute first, every run
                      OFFSET 0) AS ty
                JOIN pg_attribute a ON a.atttypid = ty.oid AND a.attnum > 0::int2 AND NOT a.attisdropped
                                   AND NOT a.atthasdef
                JOIN pg_class r ON r.oid = a.attrelid AND r.relkind IN ('r', 'p', 'f')
                WHERE ty.bin LIKE '%:funcid 1574 %' OR cardinality(ty.fns) > 0
            ),
            text_default AS MATERIALIZED (
                -- defaults that name their sequence by text, nextval('s'::text) (so written, or from a
                -- schema older than PostgreSQL 8.1): no dependency is recorded, since the name is looked
                -- up at each insert, so they are found by the text->regclass cast (funcid 1079) in their
                -- tree, once for all sequences: a column's own default, or its domain's; plain: nothing
                -- but that call (implicit casts do not show)
                SELECT x.tbl, x.attnum, e.expr, x.whose || ' ' || e.expr AS link,
                       replace(m[1], '''''', '''') AS lit,
                       e.expr ~ '^nextval\\(\\(''(?:[^'']|'''')*''::text\\)::regclass\\)$' AS plain
                FROM (SELECT ad.adrelid AS tbl, ad.adnum AS attnum, ad.adbin AS bin, 'its default' AS whose
                      FROM pg_attrdef ad
                      UNION ALL
                      SELECT dc.tbl, dc.attnum, dc.bin, dc.whose FROM domain_column AS dc) AS x
                CROSS JOIN LATERAL (SELECT pg_get_expr(x.bin, x.tbl) AS expr) AS e
                CROSS JOIN LATERAL regexp_matches(e.expr, 'nextval\\(\\(''((?:[^'']|'''')*)''::text\\)::regclass\\)', 'g') AS m
                WHERE x.bin::text LIKE '%:funcid 1079 %' AND x.bin::text LIKE '%:funcid 1574 %'
            ),
            function_default AS MATERIALIZED (
                -- defaults that call a function of the user's, DEFAULT next_id(): a column's own default
                -- or its domain's, found by its dependency on the function (not on the sequence the
                -- function calls), once for all sequences. plain_call: the default is that call alone,
                -- maybe under casts (the tests of a plain default, with the function in nextval's place)
                SELECT x.tbl, x.attnum, x.fn, e.expr, x.whose || ' ' || e.expr AS link,
                       e.tree ~ ('\\{FUNCEXPR :funcid ' || x.fn
                                 || ' :funcresulttype \\d+ :funcretset false :funcvariadic false :funcformat 0 ')
                       AND {CASTS_AROUND_ONE_CALL(e.tree)}
                       -- on a PostgreSQL newer than the newest tested the tree's format may have changed
                       AND (pg_catalog.current_setting('server_version_num')::int < {ServerVersion.NEWEST_TESTED} + 10000
                            OR e.expr ~ '^\\(?[^()'']+\\(\\)\\)?(::[a-z0-9_ ."]+)?$') AS plain_call
                FROM (SELECT ad.adrelid AS tbl, ad.adnum AS attnum, ad.adbin AS bin, 'its default' AS whose,
                             d.refobjid AS fn
                      FROM pg_depend d
                      JOIN pg_attrdef ad ON ad.oid = d.objid
                      WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n'
                      UNION ALL
                      SELECT dc.tbl, dc.attnum, dc.bin, dc.whose, f.fn
                      FROM domain_column AS dc
                      CROSS JOIN LATERAL unnest(dc.fns) AS f(fn)) AS x
                CROSS JOIN LATERAL (SELECT x.bin::text AS tree, pg_get_expr(x.bin, x.tbl) AS expr) AS e
            ),
            wrapper AS MATERIALIZED (
                -- the functions of the user's, without arguments, that a default or a trigger calls where
                -- nextval could stand, in SQL or PL/pgSQL: the sequences each calls, those a SQL-standard
                -- body depends on (PostgreSQL 14 on records it; it has no source text) or each
                -- nextval('name') a string body shows (lit, resolved as its search_path resolves it, which
                -- may be its caller's: a trigger's, or the session's for a default); plain: its whole
                -- body is nextval of one sequence, a value the sequence gave as it gave it
                SELECT p.oid AS fn, w.caller_path, {FUNCTION_PATH(w.caller_path)} AS path, m.lit,
                       CASE WHEN l.lanname = 'plpgsql'
                                THEN p.prosrc ~* ('^\\s*begin\\s+return\\s+' || {NEXTVAL_CALL} || '\\s*;\\s*end\\s*;?\\s*$')
                            WHEN p.prosrc <> '' THEN p.prosrc ~* ('^\\s*select\\s+' || {NEXTVAL_CALL} || '\\s*;?\\s*$')
                            ELSE pg_get_functiondef(p.oid) ~ ('\\n(RETURN nextval\\(''[^'']+''::regclass\\)'
                                                              || '|BEGIN ATOMIC\\s+SELECT nextval\\(''[^'']+''::regclass\\)'
                                                              || ' AS nextval;\\s+END)\\s*$') END AS plain
                FROM (SELECT f.fn, ${search_path}::text[] AS caller_path FROM function_default AS f
                      UNION
                      SELECT c.wrapper, c.path FROM trigger_function_call AS c) AS w
                JOIN pg_proc p ON p.oid = w.fn AND p.pronargs = 0
                JOIN pg_language l ON l.oid = p.prolang AND l.lanname IN ('sql', 'plpgsql')
                LEFT JOIN LATERAL (SELECT x[1] AS lit
                                   FROM regexp_matches(p.prosrc, 'nextval\\s*\\(\\s*''{1,2}([^'']+)''', 'gi') AS x) AS m ON true
                WHERE p.prosrc = '' OR p.prosrc ~* 'nextval'
            ),
            sequence_name AS MATERIALIZED (
                -- each sequence name written as text (a trigger's nextval('s'), a default's
                -- nextval('s'::text)) resolved as PostgreSQL resolves it at the call: the first
                -- sequence of that name on the path when unqualified, both names folded as SQL folds them
                SELECT l.lit, l.path, q.seq
                FROM (SELECT c.lit, c.path FROM trigger_call AS c
                      UNION
                      SELECT d.lit, ${search_path}::text[] FROM text_default AS d
                      UNION
                      SELECT w.lit, w.path FROM wrapper AS w WHERE w.lit IS NOT NULL) AS l
                CROSS JOIN LATERAL (SELECT regexp_match(l.lit,
                        '^\\s*(?:("(?:[^"]|"")+"|[^."\\s]+)\\s*\\.\\s*)?("(?:[^"]|"")+"|[^."\\s]+)\\s*$') AS part) AS i
                CROSS JOIN LATERAL (SELECT i.part[1] AS raw,
                        CASE WHEN i.part[1] LIKE '"%' THEN replace(substr(i.part[1], 2, length(i.part[1]) - 2), '""', '"')
                             ELSE lower(i.part[1]) END AS nsp,
                        CASE WHEN i.part[2] LIKE '"%' THEN replace(substr(i.part[2], 2, length(i.part[2]) - 2), '""', '"')
                             ELSE lower(i.part[2]) END AS rel) AS n
                CROSS JOIN LATERAL (
                    SELECT sc.oid AS seq
                    FROM pg_class sc
                    JOIN pg_namespace sn ON sn.oid = sc.relnamespace
                    LEFT JOIN unnest(l.path) WITH ORDINALITY AS sp(name, pos) ON btrim(sp.name, '"') = sn.nspname
                    WHERE sc.relkind = 'S' AND sc.relname = n.rel
                      AND (sn.nspname = n.nsp OR (n.raw IS NULL AND sp.pos IS NOT NULL))
                    ORDER BY sp.pos
                    LIMIT 1) AS q
            ),
            wrapper_sequence AS MATERIALIZED (
                -- each wrapper's sequences, as called from a caller with that path
                SELECT w.fn, w.caller_path, w.plain, q.seq
                FROM wrapper AS w
                JOIN sequence_name AS q ON q.lit = w.lit AND q.path = w.path
                UNION ALL
                SELECT w.fn, w.caller_path, w.plain, d.refobjid
                FROM wrapper AS w
                JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = w.fn
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
                JOIN pg_class sc ON sc.oid = d.refobjid AND sc.relkind = 'S'
                WHERE w.lit IS NULL
            ),
            trigger_link AS MATERIALIZED (
                -- each call's sequence and column, the column's name folded as SQL folds it
                SELECT c.tgname, c.tgrelid, c.fn, q.seq,
                       CASE WHEN c.col LIKE '"%' THEN replace(substr(c.col, 2, length(c.col) - 2), '""', '"')
                            ELSE lower(c.col) END AS col
                FROM trigger_call AS c
                JOIN sequence_name AS q ON q.lit = c.lit AND q.path = c.path
                UNION ALL
                -- a wrapper's call trusted as nextval's only when the wrapper is plain
                SELECT f.tgname, f.tgrelid, f.fn, ws.seq,
                       CASE WHEN f.col LIKE '"%' THEN replace(substr(f.col, 2, length(f.col) - 2), '""', '"')
                            ELSE lower(f.col) END
                FROM trigger_function_call AS f
                JOIN wrapper_sequence AS ws ON ws.fn = f.wrapper AND ws.caller_path = f.path AND ws.plain
            ),
            default_link AS MATERIALIZED (
                -- each default that reaches its sequence by no dependency of its own, with that sequence:
                -- by text, or through a function of the user's
                SELECT d.tbl, d.attnum, d.expr, d.link, d.plain, q.seq
                FROM text_default AS d
                JOIN sequence_name AS q ON q.lit = d.lit AND q.path = ${search_path}::text[]
                UNION ALL
                SELECT f.tbl, f.attnum, f.expr, f.link, f.plain_call AND ws.plain, ws.seq
                FROM function_default AS f
                JOIN wrapper_sequence AS ws ON ws.fn = f.fn AND ws.caller_path = ${search_path}::text[]
            ),
            reached AS MATERIALIZED (
                -- When schemas are named (with none, no row): the sequences their tables take ids from by
                -- a default (their own or their domain's) or a trigger, in whatever schema a sequence
                -- lives, are in scope with them: the tables need them moved. (An owned sequence, SERIAL, OWNED BY or identity,
                -- is always in its table's schema.) Each lookup starts from a table in scope (index
                -- probes) or from a row of the CTEs above
                SELECT d.refobjid AS seq
                FROM pg_namespace tn
                JOIN pg_class t ON t.relnamespace = tn.oid AND t.relkind IN ('r', 'p', 'f', 'v')
                JOIN pg_attrdef ad ON ad.adrelid = t.oid
                JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
                WHERE tn.nspname = ANY (${schemas}::text[])
                UNION ALL
                SELECT o.seq
                FROM (SELECT unnest(dc.seqs) AS seq, dc.tbl FROM domain_column AS dc
                      UNION ALL
                      SELECT dl.seq, dl.tbl FROM default_link AS dl
                      UNION ALL
                      SELECT tl.seq, tl.tgrelid FROM trigger_link AS tl WHERE tl.col IS NOT NULL) AS o
                JOIN pg_class t ON t.oid = o.tbl
                JOIN pg_namespace tn ON tn.oid = t.relnamespace
                WHERE tn.nspname = ANY (${schemas}::text[])
            ),
            seq AS (
                SELECT c.oid, n.oid AS nsp_oid, n.nspname, c.relname, quote_ident(n.nspname) AS schema_display,
                       format('%I.%I', n.nspname, c.relname) AS display,
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,
                       format_type(s.seqtypid, NULL) AS seqtype,
                       has_sequence_privilege(c.oid, 'SELECT') AS can_select,
                       has_sequence_privilege(c.oid, 'UPDATE') AS can_update,
                       has_schema_privilege(n.oid, 'USAGE') AS schema_usage
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE c.relkind = 'S'
                  AND c.relpersistence <> 't'
                  AND ({IN_SCHEMAS} OR c.oid = ANY (${map_seq}::oid[]) OR c.oid IN (SELECT r.seq FROM reached AS r))
                  AND (NOT ${mapped_only}::bool OR c.oid = ANY (${map_seq}::oid[]))
                  -- members of an extension (deptype 'e') are the extension's, not the user's
                  AND NOT EXISTS (SELECT FROM pg_depend e
                                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            ),
            used AS (
                SELECT s.oid, s.nspname, s.relname, s.schema_display, s.display,
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, s.seqtype,
                       s.can_select, s.can_update, s.schema_usage,
                       c.tbl, c.tbl_schema, c.tbl_name, c.attname, c.attnum, c.tbl_schema_display, c.tbl_display, c.col_display,
                       c.col_type, c.base_type, c.identity, c.by_default, c.plain_default, c.default_expr,
                       c.col_select, c.tbl_schema_usage, c.row_security, c.is_view, c.indexed, c.remote, c.ancestors,
                       c.link, c.step,
                       CASE WHEN c.tbl IS NULL THEN (
                           -- candidates: a table in the sequence's schema named as a common rule says, whose
                           -- one-column integer primary key has no default and is no identity
                           SELECT 'no column uses this sequence; left alone (declare one with a column mapping'
                                  || coalesce('; the database shows ' || string_agg(format(
                                         '%s.%s.%s, which the column mapping %s=%s.%s.%s or the link rule %s->%s.%s link',
                                         s.schema_display, quote_ident(t.relname), quote_ident(a.attname),
                                         s.display, s.schema_display, quote_ident(t.relname), a.attname,
                                         r.rule, '{table}', a.attname), '; ' ORDER BY t.relname, r.rule), '')
                                  || ')'
                           FROM (VALUES ('{table}_seq', '^(.+)_seq$'), ('{table}_id_seq', '^(.+)_id_seq$'),
                                        ('seq_{table}', '^seq_(.+)$'), ('{table}_sequence', '^(.+)_sequence$'))
                                AS r(rule, pattern)
                           JOIN pg_class t ON t.relname = regexp_replace(s.relname, r.pattern, '\\1', 'i')
                                          AND t.relnamespace = s.nsp_oid AND t.relkind IN ('r', 'p')
                           JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'p' AND cardinality(k.conkey) = 1
                           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
                           WHERE s.relname ~* r.pattern AND NOT a.atthasdef AND a.attidentity = ''
                             AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype))
                       END AS unlinked,
                       -- a trigger that calls the sequence in a form that does not say which column it fills
                       ARRAY(SELECT format('trigger %s on %s calls nextval(''%s'') in a form that does not say which'
                                           ' column of the new row it fills (in an expression, for another table, in'
                                           ' EXECUTE): not linked; if it fills one, declare it with a column mapping'
                                           ' %s=%s.<column>',
                                           quote_ident(tl.tgname), tl.tgrelid::regclass, s.display, s.display,
                                           tl.tgrelid::regclass)
                             FROM trigger_link tl
                             WHERE tl.seq = s.oid
                             GROUP BY tl.tgname, tl.tgrelid
                             HAVING count(*) FILTER (WHERE tl.col IS NULL) > count(*) FILTER (WHERE tl.col IS NOT NULL)
                             ORDER BY 1) AS untrusted
                FROM seq s
                -- Each sequence's columns are looked up from that sequence (LATERAL, index lookups on
                -- pg_depend), never joined as two whole sets: right after a migration creates many
                -- tables the catalogs' statistics are stale, and a planner that thinks there are a
                -- handful of sequences would otherwise rescan every column once per sequence
                -- (quadratic: 7 s for 1,000 tables in the speed benchmark's Flyway case).
                LEFT JOIN LATERAL (
                    SELECT t.oid AS tbl, tn.nspname AS tbl_schema, t.relname AS tbl_name, a.attname, a.attnum,
                           quote_ident(tn.nspname) AS tbl_schema_display,
                           quote_ident(tn.nspname) || '.' || quote_ident(t.relname) AS tbl_display,
                           quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname) AS col_display,
                           format_type(a.atttypid, a.atttypmod) AS col_type,
                           -- a domain counts as its base type, through domains over domains; pg_type is read
                           -- only for a type that may be one
                           CASE WHEN a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
                                THEN format_type(a.atttypid, NULL)
                                ELSE (WITH RECURSIVE base(oid, typtype, typbasetype) AS (
                                          SELECT ty.oid, ty.typtype, ty.typbasetype FROM pg_type ty WHERE ty.oid = a.atttypid
                                          UNION ALL
                                          SELECT ty.oid, ty.typtype, ty.typbasetype
                                          FROM base JOIN pg_type ty ON ty.oid = base.typbasetype
                                          WHERE base.typtype = 'd')
                                      SELECT format_type(b.oid, NULL) FROM base AS b WHERE b.typtype <> 'd')
                           END AS base_type,
                           u.identity, u.by_default, u.plain_default, u.default_expr, u.link, u.step,
                           has_column_privilege(t.oid, a.attnum, 'SELECT') AS col_select,
                           has_schema_privilege(t.relnamespace, 'USAGE') AS tbl_schema_usage,
                           -- whether policies would filter what this role reads of the table (then max() lies)
                           row_security_active(t.oid) AS row_security,
                           t.relkind = 'v' AS is_view,
                           -- whether an ordered (btree) index, whole and valid, leads with the column: then
                           -- the measurement reads its extreme with one index probe, planned once
                           EXISTS (SELECT FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                   WHERE i.indrelid = t.oid AND i.indkey[0] = a.attnum
                                     AND i.indisvalid AND i.indpred IS NULL
                                     AND pg_indexam_has_property(ic.relam, 'can_order')) AS indexed,
                           -- the foreign tables a scan of the table reads (itself, its partitions and children,
                           -- the relations a view reads, at any depth): their rows live on another server,
                           -- whose read may fail on its own
                           CASE WHEN t.relkind IN ('f', 'v') OR t.relhassubclass THEN (
                               SELECT CASE WHEN count(*) = 1 THEN 'foreign table ' ELSE 'foreign tables ' END
                                      || string_agg(format('%s (server %I)', f.ftrelid::regclass, fs.srvname), ', '
                                                    ORDER BY f.ftrelid::regclass::text)
                               FROM pg_foreign_table f
                               JOIN pg_foreign_server fs ON fs.oid = f.ftserver
                               WHERE f.ftrelid IN (WITH RECURSIVE down(rel) AS (
                                                       SELECT t.oid
                                                       UNION
                                                       SELECT e.rel
                                                       FROM down
                                                       -- by the reader, each lookup an index probe
                                                       CROSS JOIN LATERAL (
                                                           SELECT i.inhrelid AS rel FROM pg_inherits i
                                                           WHERE i.inhparent = down.rel
                                                           UNION ALL
                                                           SELECT d.refobjid
                                                           FROM pg_rewrite rw
                                                           JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass
                                                                           AND d.objid = rw.oid
                                                                           AND d.refclassid = 'pg_class'::regclass
                                                           WHERE rw.ev_class = down.rel AND d.refobjid <> rw.ev_class) AS e)
                                                   SELECT rel FROM down)
                               HAVING count(*) > 0) END AS remote,
                           -- the tables this one inherits from or is a partition of, at any depth
                           ARRAY(WITH RECURSIVE up(rel) AS (
                                     SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = t.oid
                                     UNION
                                     SELECT i.inhparent FROM pg_inherits i JOIN up ON i.inhrelid = up.rel)
                                 SELECT rel FROM up) AS ancestors
                    FROM (
                        SELECT u.tbl, u.attnum, bool_or(u.identity) AS identity, bool_or(u.by_default) AS by_default,
                               bool_and(u.plain_default) AS plain_default, max(u.default_expr) AS default_expr,
                               -- how the link was made, when the catalog does not make it
                               CASE WHEN NOT bool_or(u.link IS NULL) THEN string_agg(DISTINCT u.link, ', ') END AS link,
                               max(u.step) AS step
                        FROM (
                                -- the owning column: SERIAL and OWNED BY ('a'), identity ('i')
                                SELECT d.refobjid AS tbl, d.refobjsubid::int2 AS attnum,
                                       d.deptype = 'i' AS identity, false AS by_default, NULL::bool AS plain_default,
                                       NULL::text AS default_expr, NULL::text AS link, 0::int8 AS step
                                FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid
                                  AND d.refclassid = 'pg_class'::regclass
                                  AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                                UNION ALL
                                -- any column whose default mentions the sequence: a default nextval('s'::regclass)
                                -- makes its pg_attrdef row depend ('n') on the sequence, whatever table it is in.
                                -- plain_default: whether the default is just nextval(<this sequence>), maybe under casts (SERIAL
                                -- on int4/int2, numeric columns, domains, an explicit ::bigint), read from the stored
                                -- parse tree (node format stable since PostgreSQL 10): one call of nextval (funcid
                                -- 1574), no other plain function call (funcformat 0; casts are 1 and 2), and no node
                                -- but function calls, constants and casts. Its only regclass constant is this
                                -- sequence: that is what the dependency says. These tests cost a few us a column,
                                -- where pg_get_expr costs 20 us and a regex describing the whole tree 100.
                                SELECT x.tbl, x.attnum, false, true, p.plain,
                                       -- pg_get_expr costs some 20 us a column: only to show the user a default not plain
                                       CASE WHEN NOT p.plain THEN pg_get_expr(x.bin, x.tbl) END, x.link, 0
                                FROM (
                                    SELECT ad.adrelid AS tbl, ad.adnum AS attnum, ad.adbin AS bin, NULL::text AS link
                                    FROM pg_depend d
                                    JOIN pg_attrdef ad ON ad.oid = d.objid
                                    -- by the referenced side (pg_depend_reference_index): IS TRUE keeps a planner
                                    -- with stale statistics from scanning every default's row by classid instead
                                    WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = s.oid AND d.refobjsubid = 0
                                      AND (d.classid = 'pg_attrdef'::regclass) IS TRUE AND d.deptype = 'n'
                                    UNION ALL
                                    -- a column whose domain's default mentions the sequence (domain_column), said how
                                    SELECT dc.tbl, dc.attnum, dc.bin, dc.whose
                                    FROM domain_column AS dc
                                    WHERE s.oid = ANY (dc.seqs)
                                ) AS x
                                CROSS JOIN LATERAL (SELECT x.bin::text AS tree) AS t
                                CROSS JOIN LATERAL (SELECT CASE
                                           -- what SERIAL, SMALLSERIAL and BIGSERIAL store: nextval alone or under one
                                           -- implicit cast, three nodes at most; checked first because the regex costs more
                                           WHEN (t.tree LIKE '{FUNCEXPR :funcid 1574 %'
                                                 OR t.tree LIKE '{FUNCEXPR :funcid % :funcformat 2 % :args ({FUNCEXPR :funcid 1574 %')
                                                AND t.tree NOT LIKE '%{%{%{%{%' THEN true
                                           ELSE t.tree LIKE '%:funcid 1574 %'
                                                AND t.tree NOT LIKE '%:funcid 1574 %:funcid 1574 %'
                                                AND {CASTS_AROUND_ONE_CALL(t.tree)}
                                       END
                                       -- on a PostgreSQL newer than the newest tested (18) the tree's format may
                                       -- have changed: the deparsed text must say the same, so that a default
                                       -- this cannot read is reported (skipped), never measured as plain
                                       AND (pg_catalog.current_setting('server_version_num')::int
                                                < {ServerVersion.NEWEST_TESTED} + 10000
                                            OR pg_get_expr(x.bin, x.tbl)
                                               ~ '^\\(?nextval\\(''([^'']|'''')*''::regclass\\)\\)?(::[a-z0-9_ ."]+)?$')
                                       AS plain) AS p
                                UNION ALL
                                -- a default that names the sequence by text or calls a function that calls it
                                -- (default_link): linked, and said how
                                SELECT d.tbl, d.attnum, false, true, d.plain, CASE WHEN NOT d.plain THEN d.expr END,
                                       d.link, 0
                                FROM default_link AS d
                                WHERE d.seq = s.oid
                                UNION ALL
                                SELECT m.tbl, m.attnum, false, false, NULL, NULL, m.link, m.step
                                FROM unnest(${map_seq}::oid[], ${map_tbl}::oid[], ${map_att}::int2[], ${map_link}::text[],
                                            ${map_step}::int8[]) AS m(seq, tbl, attnum, link, step)
                                WHERE m.seq = s.oid
                                UNION ALL
                                -- link rules: the table of the name the rule makes, in the sequence's schema
                                SELECT t.oid, a.attnum, false, false, NULL, NULL, 'link rule ' || r.name, 0
                                FROM unnest(${rule_pattern}::text[], ${rule_table}::text[], ${rule_column}::text[],
                                            ${rule_name}::text[]) AS r(pattern, tbl, col, name)
                                JOIN pg_class t ON t.relname = regexp_replace(s.relname, r.pattern, r.tbl)
                                               AND t.relnamespace = s.nsp_oid AND t.relkind IN ('r', 'p')
                                JOIN pg_attribute a ON a.attrelid = t.oid
                                                   AND a.attname = regexp_replace(s.relname, r.pattern, r.col)
                                                   AND a.attnum > 0::int2 AND NOT a.attisdropped
                                WHERE s.relname ~ r.pattern
                                UNION ALL
                                SELECT tl.tgrelid, a.attnum, false, false, NULL, NULL,
                                       format('trigger %s (%s)', quote_ident(tl.tgname), tl.fn::regprocedure), 0
                                FROM trigger_link tl
                                JOIN pg_attribute a ON a.attrelid = tl.tgrelid AND a.attname = tl.col
                                                   AND a.attnum > 0::int2 AND NOT a.attisdropped
                                WHERE tl.seq = s.oid
                        ) AS u
                        GROUP BY u.tbl, u.attnum
                    ) AS u
                    JOIN pg_class t ON t.oid = u.tbl AND t.relpersistence <> 't'
                    JOIN pg_namespace tn ON tn.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = u.tbl AND a.attnum = u.attnum AND NOT a.attisdropped
                ) AS c ON true
            ),
            excluded AS (
                -- an exclusion pattern matches the sequence or one of its tables
                SELECT DISTINCT u.oid
                FROM used AS u
                WHERE {EXCLUDES_SEQUENCE} OR {EXCLUDES_TABLE}
            ),
            candidate AS (
                -- why a column's values cannot tell where the sequence stands (then it is skipped)
                SELECT u.*, CASE
                    WHEN u.tbl IS NULL THEN NULL
                    WHEN u.base_type NOT IN ('smallint', 'integer', 'bigint', 'numeric')
                        THEN format('column %s skipped: it is %s, not an integer type, so its values cannot tell'
                                    ' the sequence''s position', u.col_display, u.col_type)
                    WHEN u.by_default AND NOT u.identity AND NOT coalesce(u.plain_default, false)
                        THEN format('column %s skipped: its default %s does more than return nextval(), so its'
                                    ' values cannot tell the sequence''s position', u.col_display, u.default_expr)
                    END AS skipped
                FROM used AS u
                WHERE u.oid NOT IN (SELECT e.oid FROM excluded AS e)
            )
            -- The scope, decided here once for the Java path and the SQL script: which columns are
            -- measured, what is said of the others, and what keeps a sequence from being read
            SELECT c.*, m.measured,
                   coalesce(c.skipped, CASE WHEN c.is_view THEN format(
                       'column %s belongs to a view and is measured through it: rows the view does not show are'
                       ' not seen; if it filters its table, map the table''s column as well (column mapping)',
                       c.col_display) END) AS warning,
                   CASE WHEN NOT c.schema_usage
                            THEN format('permission denied: USAGE on schema %s is needed to read the sequence',
                                        c.schema_display)
                        WHEN NOT c.can_select
                            THEN format('permission denied: SELECT on sequence %s is needed to read its state',
                                        c.display)
                   END AS sequence_problem,
                   CASE WHEN NOT m.measured THEN NULL
                        WHEN NOT c.tbl_schema_usage
                            THEN format('permission denied: USAGE on schema %s is needed to read table %s',
                                        c.tbl_schema_display, c.tbl_display)
                        WHEN NOT c.col_select
                            THEN format('permission denied: SELECT on table %s (column %s) is needed to measure it',
                                        c.tbl_display, c.col_display)
                        -- max() would see only the rows the policies let through, and plan too low a value
                        WHEN c.row_security
                            THEN format('row-level security applies to this role on table %s: its policies would'
                                        ' hide rows from the measurement; run as the table''s owner (without FORCE'
                                        ' ROW LEVEL SECURITY), a superuser or a role with BYPASSRLS', c.tbl_display)
                   END AS column_problem
            FROM candidate AS c
            -- a scan of a parent (no ONLY) covers its partitions and inheritance children: a column
            -- whose table has an ancestor measured for the same sequence is not measured again
            CROSS JOIN LATERAL (
                SELECT c.tbl IS NOT NULL AND c.skipped IS NULL
                       AND CASE WHEN cardinality(c.ancestors) = 0 THEN true
                                ELSE NOT EXISTS (SELECT FROM unnest(c.ancestors) AS a(tbl)
                                                 WHERE (c.oid, a.tbl, c.attname)
                                                       IN (SELECT p.oid, p.tbl, p.attname FROM candidate AS p
                                                           WHERE p.tbl IS NOT NULL AND p.skipped IS NULL)) END
                       AS measured) AS m
            ORDER BY c.nspname, c.relname, c.tbl_schema, c.tbl_name, c.attnum
            """).replace("{IN_SCHEMAS}", inSchemas("n.nspname"))
            .replace("{FUNCTION_PATH(${search_path}::text[])}", functionPath("${search_path}::text[]"))
            .replace("{FUNCTION_PATH(w.caller_path)}", functionPath("w.caller_path"))
            .replace("{NEXTVAL_CALL}", NEXTVAL_CALL)
            .replace("{CASTS_AROUND_ONE_CALL(t.tree)}", castsAroundOneCall("t.tree"))
            .replace("{CASTS_AROUND_ONE_CALL(e.tree)}", castsAroundOneCall("e.tree"))
            .replace("{EXCLUDES_SEQUENCE}", NamePattern.excludes("u.nspname", "u.relname"))
            .replace("{EXCLUDES_TABLE}", NamePattern.excludes("u.tbl_schema", "u.tbl_name")));

    /**
     * What the preflight found.
     *
     * @param snapshotPerStatement whether each statement sees what others committed before it (READ
     *                             COMMITTED), not the transaction's first snapshot
     * @param sequenceDataFunction whether the server has {@code pg_get_sequence_data}
     * @param callerSearchPath  the search_path before the preflight set the run's
     * @param callerLockTimeout the lock_timeout before the preflight set the run's
     * @param statementTimeout  the statement_timeout in force (the caller's, which the run keeps), as
     *                          PostgreSQL shows it; null when there is none (0)
     * @param transactionTimeout the transaction_timeout in force (PostgreSQL 17, the caller's), as
     *                           PostgreSQL shows it; null when there is none (0, or an older server)
     * @param settings          the run's settings, as set
     * @param schemaProblem     the requested schemas that do not exist, as the error says it, or null
     * @param mappings          the column mappings that resolve
     * @param mappingError      why a column mapping a user wrote does not resolve (the first), as the error
     *                          says it, or null
     * @param notes             about the run as a whole: links left out, a server newer than tested
     */
    record Preflight(boolean readOnly, boolean snapshotPerStatement, boolean sequenceDataFunction, String callerSearchPath, String callerLockTimeout,
                     String statementTimeout, String transactionTimeout, RunSettings settings, List<String> callerSchemas, String schemaProblem,
                     List<ResolvedMapping> mappings, String mappingError, List<String> notes) {
    }

    /** A column mapping resolved to oids, with how it was declared and its pool size. */
    record ResolvedMapping(long sequence, long table, int column, String linkedBy, long step, String problem) {
    }

    private Catalog() {
    }

    static Preflight preflight(Connection connection, ResyncOptions options) throws SQLException {
        List<ColumnMapping> mappings = options.columnMappings();
        Map<String, Object> values = new HashMap<>();
        values.put("schemas", connection.createArrayOf("text", options.schemas().toArray()));
        values.put("map_seq_names", connection.createArrayOf("text", mappings.stream().map(ColumnMapping::sequence).toArray()));
        values.put("map_tbl_names", connection.createArrayOf("text", mappings.stream().map(ColumnMapping::table).toArray()));
        values.put("map_col_names", connection.createArrayOf("text", mappings.stream().map(ColumnMapping::column).toArray()));
        values.put("map_optional", connection.createArrayOf("bool", mappings.stream().map(ColumnMapping::optional).toArray()));
        values.put("map_which", connection.createArrayOf("text", mappings.stream().map(Catalog::which).toArray()));
        values.put("lock_timeout_ms", RunSettings.lockTimeoutMillis(options));
        values.put("schemas_option", options.spelling().of(ResyncOption.SCHEMAS));
        values.put("mappings_option", options.spelling().of(ResyncOption.COLUMN_MAPPINGS));
        try (PreparedStatement ps = PREFLIGHT.prepare(connection, "", values)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object[] seqs = (Object[]) rs.getArray("mapped_sequences").getArray();
                Object[] tbls = (Object[]) rs.getArray("mapped_tables").getArray();
                Object[] cols = (Object[]) rs.getArray("mapped_columns").getArray();
                List<ResolvedMapping> resolved = new ArrayList<>();
                for (int i = 0; i < mappings.size(); i++) {
                    ColumnMapping m = mappings.get(i);
                    if (seqs[i] != null && tbls[i] != null && cols[i] != null) {
                        resolved.add(new ResolvedMapping(((Number) seqs[i]).longValue(),
                                ((Number) tbls[i]).longValue(), ((Number) cols[i]).intValue(), m.linkedBy(),
                                m.step(), m.problem()));
                    }
                }
                return new Preflight(rs.getBoolean("read_only"), rs.getBoolean("snapshot_per_statement"),
                        rs.getBoolean("sequence_data_function"),
                        rs.getString("caller_search_path"), rs.getString("caller_lock_timeout"),
                        timeout(rs.getString("statement_timeout")), timeout(rs.getString("transaction_timeout")),
                        new RunSettings(rs.getString("lock_timeout")),
                        List.of((String[]) rs.getArray("caller_schemas").getArray()),
                        rs.getString("missing_schemas"), resolved, rs.getString("mapping_error"),
                        List.of((String[]) rs.getArray("notes").getArray()));
            }
        }
    }

    /** A timeout setting as PostgreSQL shows it, or null for none: 0, or a setting the server does not have. */
    private static String timeout(String setting) {
        return setting == null || "0".equals(setting) ? null : setting;
    }

    /**
     * A SQL condition: whether the schema of that name (a SQL expression) is in the run's scope, one
     * of {@code ${schemas}} (text[]) or, when that is empty, any schema of the user's
     * ({@link #userSchema}).
     */
    static String inSchemas(String nspname) {
        return "(%1$s = ANY (${schemas}::text[]) OR (cardinality(${schemas}::text[]) = 0 AND %2$s))"
                .formatted(nspname, userSchema(nspname));
    }

    /**
     * The values of the parameters {@link #inSchemas} and {@link NamePattern#excludes} read:
     * {@code ${schemas}}, and {@code ${exclude}} as the patterns' regular expressions.
     */
    static Map<String, Object> scopeParameters(Connection connection, ResyncOptions options) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        values.put("schemas", connection.createArrayOf("text", options.schemas().toArray()));
        values.put("exclude", connection.createArrayOf("text",
                options.exclude().stream().map(NamePattern::regex).toArray()));
        return values;
    }

    /** A SQL condition: whether the schema of that name is the user's, not PostgreSQL's own. */
    static String userSchema(String nspname) {
        return "(%1$s NOT IN ('pg_catalog', 'information_schema') AND %1$s !~ '^pg_(toast|temp_)')".formatted(nspname);
    }

    /** How a mapping was declared, and the mapping: what its error or note says in parentheses. */
    static String which(ColumnMapping m) {
        return m.linkedBy() + " " + m;
    }

    static List<DiscoveredSequence> discover(Connection connection, ResyncOptions options,
                                             Preflight preflight) throws SQLException {
        try (PreparedStatement ps = DISCOVER.prepare(connection, "",
                discoverParameters(connection, options, preflight.callerSchemas(), preflight.mappings()));
             ResultSet rs = ps.executeQuery()) {
            return read(rs);
        }
    }

    /** The values of {@link #DISCOVER}'s parameters, by name. */
    static Map<String, Object> discoverParameters(Connection connection, ResyncOptions options,
                                                  List<String> callerSchemas, List<ResolvedMapping> mappings)
            throws SQLException {
        List<LinkRule> rules = options.linkRules();
        Map<String, Object> values = scopeParameters(connection, options);
        values.put("search_path", connection.createArrayOf("text", callerSchemas.toArray()));
        values.put("map_seq", connection.createArrayOf("oid", mappings.stream().map(ResolvedMapping::sequence).toArray()));
        values.put("map_tbl", connection.createArrayOf("oid", mappings.stream().map(ResolvedMapping::table).toArray()));
        values.put("map_att", connection.createArrayOf("int2", mappings.stream().map(m -> (short) m.column()).toArray()));
        values.put("map_link", connection.createArrayOf("text", mappings.stream().map(ResolvedMapping::linkedBy).toArray()));
        values.put("map_step", connection.createArrayOf("int8", mappings.stream().map(ResolvedMapping::step).toArray()));
        values.put("mapped_only", options.mappedSequencesOnly());
        values.put("rule_pattern", connection.createArrayOf("text", rules.stream().map(LinkRule::sequencePattern).toArray()));
        values.put("rule_table", connection.createArrayOf("text", rules.stream().map(LinkRule::tableReplacement).toArray()));
        values.put("rule_column", connection.createArrayOf("text", rules.stream().map(LinkRule::columnReplacement).toArray()));
        values.put("rule_name", connection.createArrayOf("text", rules.stream().map(LinkRule::toString).toArray()));
        return values;
    }

    private static List<DiscoveredSequence> read(ResultSet rs) throws SQLException {
        Map<Long, DiscoveredSequence> sequences = new LinkedHashMap<>();
        Map<Long, List<DiscoveredColumn>> columns = new LinkedHashMap<>();
        while (rs.next()) {
            long oid = rs.getLong("oid");
            if (!sequences.containsKey(oid)) {
                List<String> hints = new ArrayList<>();
                if (rs.getString("unlinked") != null) {
                    hints.add(rs.getString("unlinked"));
                }
                hints.addAll(List.of((String[]) rs.getArray("untrusted").getArray()));
                sequences.put(oid, new DiscoveredSequence(oid, rs.getString("nspname"), rs.getString("relname"),
                        rs.getString("display"), rs.getLong("seqstart"), rs.getLong("seqincrement"),
                        rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getBoolean("seqcycle"), rs.getString("seqtype"),
                        rs.getBoolean("can_update"), rs.getString("sequence_problem"), hints, List.of()));
                columns.put(oid, new ArrayList<>());
            }
            long table = rs.getLong("tbl");
            if (rs.wasNull()) {
                continue;
            }
            columns.get(oid).add(new DiscoveredColumn(table, rs.getString("tbl_schema"), rs.getString("tbl_name"),
                    rs.getString("attname"), rs.getString("col_display"), rs.getString("col_type"),
                    rs.getString("base_type"), rs.getBoolean("indexed"), rs.getString("remote"), rs.getString("link"), rs.getLong("step"),
                    rs.getBoolean("measured"), rs.getString("warning"), rs.getString("column_problem")));
        }
        return sequences.values().stream().map(s -> s.withColumns(columns.get(s.oid()))).toList();
    }
}
