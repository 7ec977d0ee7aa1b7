--liquibase formatted sql
-- For changelogs in formatted SQL, which cannot name custom changes: the resync as plain SQL,
-- the block SequenceResync.with(ResyncOptions.defaults()).script() renders (the examples'
-- test keeps it current). No jar needed on Liquibase's classpath.

--changeset example:authors
CREATE TABLE authors (id serial PRIMARY KEY, name varchar(100));

--changeset example:authors-data
INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (40, 'Barbara');

--changeset example:resync-sequences runAlways:true splitStatements:false
-- sequence-resync: brings sequences in step with their tables (forward mode). Review, then run with psql.
DO $resync$
BEGIN
    -- A block of its own: PL/pgSQL checks the syntax of a whole block before running any of it,
    -- and the next one's is PostgreSQL 12's (WITH .. AS MATERIALIZED)
    IF pg_catalog.current_setting('server_version_num')::int < 120000 THEN
        RAISE EXCEPTION '%', pg_catalog.format(E'sequence-resync needs PostgreSQL 12 or later; this server is version %s', pg_catalog.current_setting('server_version'));
    END IF;
END
$resync$;
DO $resync$
DECLARE
    v_schemas text[] := ARRAY[]::text[];
    v_exclude text[] := ARRAY[]::text[];
    v_exact boolean := false;
    v_dry_run boolean := false;
    v_warn_at numeric := 85.0;
    v_fail boolean := true;
    v_lock boolean := false;
    v_map_seq_names text[] := ARRAY[]::text[];
    v_map_tbl_names text[] := ARRAY[]::text[];
    v_map_col_names text[] := ARRAY[]::text[];
    v_map_link text[] := ARRAY[]::text[];
    v_map_which text[] := ARRAY[]::text[];
    v_map_step int8[] := ARRAY[]::int8[];
    v_mapped_only boolean := false;
    v_rule_pattern text[] := ARRAY[]::text[];
    v_rule_table text[] := ARRAY[]::text[];
    v_rule_column text[] := ARRAY[]::text[];
    v_rule_name text[] := ARRAY[]::text[];
    v_search_path text[] := pg_catalog.current_schemas(true)::text[];
    v_map_seq oid[] := '{}';
    v_map_tbl oid[] := '{}';
    v_map_att int2[] := '{}';
    v_map_optional boolean[] := ARRAY[]::boolean[];
    v_mapping_error text;
    v_notes text[];
    v_sequence_data_function boolean;
    v_missing text;
    v_lock_timeout_ms int8 := 10000;
    -- the options as named in what the run says, spelled as where the script came from
    v_schemas_option text := E'schemas';
    v_mappings_option text := E'columnMappings';
    v_text text;
    v_changed int;
    v_col jsonb;
    v_entry jsonb;
    -- one jsonb per sequence, in arrays: PL/pgSQL appends to an array variable in place, where
    -- appending to a jsonb array copies it whole each time (quadratic: seconds for 1,000 sequences)
    v_scoped jsonb[] := '{}';
    v_plans jsonb[] := '{}';
    v_all_problems text[] := '{}';
    v_tables oid[] := '{}';
    v_blocked jsonb := '{}';
    v_blockers text;
    v_remaining oid[];
    v_apply_seq oid[]; v_apply_target int8[]; v_apply_inc int8[]; v_apply_min int8[]; v_apply_max int8[];
    v_apply_was_called boolean[]; v_apply_at int[];
    v_i int;
    v_states jsonb;
    v_extremes jsonb;
    v_state_key text[]; v_state jsonb[]; v_extreme_key text[]; v_extreme text[];
    v_measure_seq oid[]; v_measure_tbl oid[]; v_measure_col text[]; v_measure_desc boolean[];
    v_measure_indexed boolean[];
    -- the columns read through foreign tables, one at a time (see Measurer), and what failed
    v_remote_tbl oid[]; v_remote_col text[]; v_remote_desc boolean[]; v_remote_indexed boolean[];
    v_one_measure_seq oid[] := '{}'; v_one_measure_tbl oid[]; v_one_measure_col text[];
    v_one_measure_desc boolean[]; v_one_measure_indexed boolean[];
    v_remote_failed jsonb := '{}';
    v_row record;
    v_inputs jsonb[] := '{}';
    v_seq_name text[] := '{}'; v_seq_start int8[] := '{}'; v_seq_inc int8[] := '{}';
    v_seq_min int8[] := '{}'; v_seq_max int8[] := '{}'; v_seq_cycle boolean[] := '{}';
    v_seq_last int8[] := '{}'; v_seq_called boolean[] := '{}'; v_seq_updatable boolean[] := '{}';
    v_seq_used boolean[] := '{}'; v_seq_blocked boolean[] := '{}';
    v_seq_source_last int8[] := '{}'; v_seq_source_called boolean[] := '{}';
    v_col_seq int8[] := '{}'; v_col_name text[] := '{}'; v_col_type text[] := '{}';
    v_col_base text[] := '{}'; v_col_extreme text[] := '{}'; v_col_step int8[] := '{}';
    -- the cheapest read of a sequence's state the server has, which the measurement and the apply
    -- put in place of their {FAST} (see Measurer)
    v_fast text;
    -- the measurement (see Measurer), with the state's read in place
    v_measure text;
    v_prefix text;
    v_caller_search_path text := pg_catalog.current_setting('search_path');
    v_caller_lock_timeout text := pg_catalog.current_setting('lock_timeout');
    -- the Java path's stages, for what a failure says: whether the run waits for locks on the
    -- scoped relations (measuring, applying), and whether it has begun to set sequences (setval
    -- is not undone when the statement fails)
    v_waiting boolean := false;
    v_applying boolean := false;
BEGIN
    -- Up to the preflight's set_config, statements run under the caller's search_path, which
    -- resolves the mapped names: they name pg_catalog's objects, with arguments of exact types.
    -- The Java path's preflight (see Catalog): the column mappings resolved, what does not
    -- exist, and then the run's settings. From there on, PostgreSQL's own schema only (each
    -- statement of a DO block is parsed when first run): a function or operator planted on the
    -- caller's search_path with argument types closer to ours than the built-in one's would
    -- otherwise run with our privileges. And every lock wait bounded: the run's lock timeout,
    -- or the caller's where that is lower (0 means none); a wait that outlasts it names who
    -- blocked the run (see Locks). Until the transaction ends, or the end of this block puts
    -- the caller's back.
    SELECT p.missing_schemas, p.mapped_sequences, p.mapped_tables, p.mapped_columns, p.mapping_error, p.notes,
           p.sequence_data_function
    INTO v_missing, v_map_seq, v_map_tbl, v_map_att, v_mapping_error, v_notes, v_sequence_data_function
    FROM (WITH mapping AS MATERIALIZED (
                              -- each column mapping's names resolved as SQL resolves them, and what does not exist
                              SELECT m.i, m.optional, m.which, s.oid AS seq, t.oid AS tbl, a.attnum,
                                     CASE WHEN s.oid IS NULL THEN pg_catalog.format(E'sequence %s does not exist', m.seq)
                                          WHEN t.oid IS NULL THEN pg_catalog.format(E'table %s does not exist', m.tbl)
                                          WHEN a.attnum IS NULL THEN pg_catalog.format(E'column %s does not exist in table %s', m.col, m.tbl)
                                     END AS missing
                              FROM ROWS FROM (pg_catalog.unnest(v_map_seq_names::text[]), pg_catalog.unnest(v_map_tbl_names::text[]),
                                              pg_catalog.unnest(v_map_col_names::text[]), pg_catalog.unnest(v_map_optional::bool[]),
                                              pg_catalog.unnest(v_map_which::text[]))
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
                                     pg_catalog.current_setting('server_version_num')::int >= 180000
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
                                     (SELECT pg_catalog.format(E'option %s: schema %s does not exist', v_schemas_option::text, pg_catalog.string_agg(x.s, ', ' ORDER BY x.i))
                                      FROM pg_catalog.unnest(v_schemas::text[]) WITH ORDINALITY AS x(s, i)
                                      WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname = x.s::name)
                                      HAVING pg_catalog.count(*) > 0) AS missing_schemas,
                                     -- a mapping a user wrote must exist; one read from an application's mapping (optional)
                                     -- is left out with a note. The resolved ones: NULL where left out
                                     (SELECT pg_catalog.format(E'option %s: %s (%s)', v_mappings_option::text, m.missing, m.which) FROM mapping AS m
                                      WHERE m.missing IS NOT NULL AND NOT m.optional ORDER BY m.i LIMIT 1) AS mapping_error,
                                     ARRAY(SELECT m.seq FROM mapping AS m ORDER BY m.i) AS mapped_sequences,
                                     ARRAY(SELECT m.tbl FROM mapping AS m ORDER BY m.i) AS mapped_tables,
                                     ARRAY(SELECT m.attnum FROM mapping AS m ORDER BY m.i) AS mapped_columns,
                                     -- the report's notes about the run as a whole
                                     ARRAY(SELECT pg_catalog.format(E'link left out: %s (%s)', m.missing, m.which) FROM mapping AS m
                                           WHERE m.missing IS NOT NULL AND m.optional ORDER BY m.i)
                                     || CASE WHEN pg_catalog.current_setting('server_version_num')::int
                                                  >= 180000 + 10000
                                             THEN ARRAY[pg_catalog.format(E'PostgreSQL %s is newer than 18, the newest version sequence-resync is tested on: column defaults it cannot read are skipped with a warning, never measured',
                                                                          pg_catalog.current_setting('server_version'))]
                                             ELSE '{}'::text[] END AS notes
                          )
                          SELECT p.*, pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true) AS search_path,
                                 pg_catalog.set_config('lock_timeout',
                                     CASE WHEN p.caller_lock_timeout_ms BETWEEN 1 AND v_lock_timeout_ms::int8 THEN p.caller_lock_timeout
                                          ELSE v_lock_timeout_ms::int8::text || 'ms' END, true) AS lock_timeout
                          FROM preflight AS p) AS p;
    IF v_mapping_error IS NOT NULL THEN
        RAISE EXCEPTION '%', v_mapping_error;
    END IF;
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION '%', v_missing;
    END IF;
    v_fast := CASE WHEN v_sequence_data_function THEN E'(SELECT d.last_value AS lv, d.is_called AS called FROM pg_get_sequence_data(q.seq::regclass) AS d)' ELSE E'(SELECT pg_sequence_last_value(q.seq::regclass) AS lv, true AS called)' END;
    v_measure := pg_catalog.replace(E'WITH state AS (
    SELECT q.i, q.seq, fast.lv, fast.called
    FROM unnest($1::oid[]) WITH ORDINALITY AS q(seq, i)
    CROSS JOIN LATERAL {FAST} AS fast
), pending AS (
    SELECT ''s'' AS kind, s.i, format(''SELECT %s AS i, last_value::text AS v, is_called AS c FROM %s'',
                                    s.i, s.seq::regclass) AS sql
    FROM state AS s
    WHERE s.lv IS NULL
    UNION ALL
    SELECT ''c'', q.i, CASE
        -- with an index: what the planner makes of max() then, written out, so that it is
        -- planned once (max() is planned twice: with the index and without); t.col, not a
        -- bare name, which ORDER BY would take for an output column ("i", "v")
        WHEN q.indexed THEN format(''(SELECT %1$s AS i, t.%2$I AS v FROM %3$s AS t WHERE t.%2$I IS NOT NULL ''
                                   ''ORDER BY t.%2$I %4$s LIMIT 1)'',
                                   q.i, q.col, q.tbl::regclass, CASE WHEN q.descending THEN ''ASC'' ELSE ''DESC'' END)
        -- without: a sort would cost more than max() over the whole table
        ELSE format(''SELECT %s AS i, %s(%I) AS v FROM %s'',
                    q.i, CASE WHEN q.descending THEN ''min'' ELSE ''max'' END, q.col, q.tbl::regclass)
    END
    FROM unnest($2::oid[], $3::text[], $4::bool[], $5::bool[])
         WITH ORDINALITY AS q(tbl, col, descending, indexed, i)
), batch AS (
    SELECT q.kind, query_to_xml(string_agg(q.sql, '' UNION ALL ''), false, false, '''')::text AS x
    FROM pending AS q
    GROUP BY q.kind, (q.i - 1) / 20
), parsed AS (
    SELECT b.kind, split_part(split_part(r.line, ''<i>'', 2), ''</i>'', 1)::int8 AS i,
           NULLIF(split_part(split_part(r.line, ''<v>'', 2), ''</v>'', 1), '''') AS value,
           NULLIF(split_part(split_part(r.line, ''<c>'', 2), ''</c>'', 1), '''')::bool AS called
    FROM batch AS b
    CROSS JOIN LATERAL unnest(string_to_array(b.x, ''<row>'')) WITH ORDINALITY AS r(line, n)
    WHERE r.n > 1
)
SELECT ''s'' AS kind, s.i, s.lv::text AS value, s.called
FROM state AS s
WHERE s.lv IS NOT NULL
UNION ALL
SELECT r.kind, r.i, coalesce(again.lv::text, r.value), again.lv IS NOT NULL OR r.called
FROM parsed AS r
LEFT JOIN state AS s ON r.kind = ''s'' AND s.i = r.i
-- the second look, at the sequences read through their relation only; it names r, so it
-- runs after that read, and a volatile function keeps it one call for the two uses above
CROSS JOIN LATERAL (SELECT CASE WHEN r.kind = ''s'' THEN pg_sequence_last_value(s.seq::regclass) END AS lv)
    AS again', '{FAST}', v_fast);

    -- 1. Scope, as the catalog query decides it (exclusions, columns measured, warnings,
    --    read privileges). No I/O beyond the catalog.
    SELECT coalesce(array_agg(jsonb_build_object(
               'oid', g.oid, 'display', g.display, 'start', g.seqstart,
               'inc', g.seqincrement, 'min', g.seqmin, 'max', g.seqmax, 'cycle', g.seqcycle,
               'can_update', g.can_update, 'columns', g.cols,
               'measured', (SELECT coalesce(jsonb_agg(c), '[]') FROM jsonb_array_elements(g.cols) AS c
                            WHERE (c->>'measured')::boolean),
               'warnings', to_jsonb(g.warnings), 'problems', to_jsonb(g.problems))
               ORDER BY g.nspname, g.relname), '{}')
    INTO v_scoped
    FROM (SELECT d.oid, d.nspname, d.relname, d.display, d.seqstart, d.seqincrement, d.seqmin, d.seqmax,
                 d.seqcycle, d.can_update,
                 coalesce(jsonb_agg(jsonb_build_object(
                     'tbl', d.tbl, 'col', d.attname, 'display', d.col_display, 'base', d.base_type,
                     'type', d.col_type, 'link', d.link, 'step', d.step, 'measured', d.measured,
                     'indexed', d.indexed, 'remote', d.remote)
                     ORDER BY d.tbl_schema, d.tbl_name, d.attnum) FILTER (WHERE d.tbl IS NOT NULL), '[]') AS cols,
                 array_remove(array_agg(d.warning ORDER BY d.tbl_schema, d.tbl_name, d.attnum)
                              || d.unlinked, NULL) || d.untrusted AS warnings,
                 array_remove(d.sequence_problem
                              || array_agg(d.column_problem ORDER BY d.tbl_schema, d.tbl_name, d.attnum),
                              NULL) AS problems
          FROM (WITH insert_trigger AS MATERIALIZED (
                              -- BEFORE INSERT row triggers (tgtype bits: row 1, before 2, insert 4; instead-of 64
                              -- not) in PL/pgSQL, read once for all sequences, with the search_path an unqualified
                              -- name in their function resolves with: the function's own, if it sets one
                              SELECT tg.tgname, tg.tgrelid, p.oid AS fn, p.prosrc, coalesce((SELECT regexp_split_to_array(substr(cfg, 13), '\s*,\s*')
                                    FROM unnest(p.proconfig) AS cfg WHERE cfg LIKE 'search_path=%'),
                                   v_search_path::text[]) AS path
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
                                           '(?:^|[^a-z0-9_$.])new\s*\.\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\s*:?=\s*'
                                           '(?:pg_catalog\s*\.\s*)?nextval\s*\(\s*''([^'']+)''(?:\s*::\s*regclass)?\s*\)\s*;',
                                           'gi') AS x
                                  UNION ALL
                                  SELECT x[2], x[1]
                                  FROM regexp_matches(t.prosrc,
                                           '(?:^|[^a-z0-9_$.])select\s+(?:pg_catalog\s*\.\s*)?nextval\s*\(\s*''([^'']+)'''
                                           '(?:\s*::\s*regclass)?\s*\)\s+into\s+(?:strict\s+)?new\s*\.\s*'
                                           '("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\s*;',
                                           'gi') AS x
                                  UNION ALL
                                  -- every call with a literal name, also inside EXECUTE's text (quotes doubled)
                                  SELECT NULL, x[1] FROM regexp_matches(t.prosrc, 'nextval\s*\(\s*''{1,2}([^'']+)''', 'gi') AS x
                              ) AS m
                              WHERE t.prosrc ~* 'nextval'
                          ),
                          trigger_function_call AS MATERIALIZED (
                              -- NEW.col := f();  the function of the user's so called (without arguments), found as
                              -- the trigger's search_path finds it; wrapper decides whether it stands for nextval
                              SELECT t.tgname, t.tgrelid, t.fn, x[1] AS col, f.oid AS wrapper, t.path
                              FROM insert_trigger AS t
                              CROSS JOIN LATERAL regexp_matches(t.prosrc,
                                      '(?:^|[^a-z0-9_$.])new\s*\.\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\s*:?=\s*'
                                      '(?:([a-z_][a-z0-9_$]*)\s*\.\s*)?([a-z_][a-z0-9_$]*)\s*\(\s*\)\s*;', 'gi') AS x
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
                                     e.expr ~ '^nextval\(\(''(?:[^'']|'''')*''::text\)::regclass\)$' AS plain
                              FROM (SELECT ad.adrelid AS tbl, ad.adnum AS attnum, ad.adbin AS bin, 'its default' AS whose
                                    FROM pg_attrdef ad
                                    UNION ALL
                                    SELECT dc.tbl, dc.attnum, dc.bin, dc.whose FROM domain_column AS dc) AS x
                              CROSS JOIN LATERAL (SELECT pg_get_expr(x.bin, x.tbl) AS expr) AS e
                              CROSS JOIN LATERAL regexp_matches(e.expr, 'nextval\(\(''((?:[^'']|'''')*)''::text\)::regclass\)', 'g') AS m
                              WHERE x.bin::text LIKE '%:funcid 1079 %' AND x.bin::text LIKE '%:funcid 1574 %'
                          ),
                          function_default AS MATERIALIZED (
                              -- defaults that call a function of the user's, DEFAULT next_id(): a column's own default
                              -- or its domain's, found by its dependency on the function (not on the sequence the
                              -- function calls), once for all sequences. plain_call: the default is that call alone,
                              -- maybe under casts (the tests of a plain default, with the function in nextval's place)
                              SELECT x.tbl, x.attnum, x.fn, e.expr, x.whose || ' ' || e.expr AS link,
                                     e.tree ~ ('\{FUNCEXPR :funcid ' || x.fn
                                               || ' :funcresulttype \d+ :funcretset false :funcvariadic false :funcformat 0 ')
                                     AND e.tree NOT LIKE '%:funcformat 0 %:funcformat 0 %' AND e.tree !~ '\{(?!FUNCEXPR |CONST |RELABELTYPE |COERCETODOMAIN )'
                                     -- on a PostgreSQL newer than the newest tested the tree's format may have changed
                                     AND (pg_catalog.current_setting('server_version_num')::int < 180000 + 10000
                                          OR e.expr ~ '^\(?[^()'']+\(\)\)?(::[a-z0-9_ ."]+)?$') AS plain_call
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
                              SELECT p.oid AS fn, w.caller_path, coalesce((SELECT regexp_split_to_array(substr(cfg, 13), '\s*,\s*')
                                    FROM unnest(p.proconfig) AS cfg WHERE cfg LIKE 'search_path=%'),
                                   w.caller_path) AS path, m.lit,
                                     CASE WHEN l.lanname = 'plpgsql'
                                              THEN p.prosrc ~* ('^\s*begin\s+return\s+' || '(?:pg_catalog\s*\.\s*)?nextval\s*\(\s*''[^'']+''(?:\s*::\s*regclass)?\s*\)(?:\s*::\s*[a-z0-9_ ."]+)?' || '\s*;\s*end\s*;?\s*$')
                                          WHEN p.prosrc <> '' THEN p.prosrc ~* ('^\s*select\s+' || '(?:pg_catalog\s*\.\s*)?nextval\s*\(\s*''[^'']+''(?:\s*::\s*regclass)?\s*\)(?:\s*::\s*[a-z0-9_ ."]+)?' || '\s*;?\s*$')
                                          ELSE pg_get_functiondef(p.oid) ~ ('\n(RETURN nextval\(''[^'']+''::regclass\)'
                                                                            || '|BEGIN ATOMIC\s+SELECT nextval\(''[^'']+''::regclass\)'
                                                                            || ' AS nextval;\s+END)\s*$') END AS plain
                              FROM (SELECT f.fn, v_search_path::text[] AS caller_path FROM function_default AS f
                                    UNION
                                    SELECT c.wrapper, c.path FROM trigger_function_call AS c) AS w
                              JOIN pg_proc p ON p.oid = w.fn AND p.pronargs = 0
                              JOIN pg_language l ON l.oid = p.prolang AND l.lanname IN ('sql', 'plpgsql')
                              LEFT JOIN LATERAL (SELECT x[1] AS lit
                                                 FROM regexp_matches(p.prosrc, 'nextval\s*\(\s*''{1,2}([^'']+)''', 'gi') AS x) AS m ON true
                              WHERE p.prosrc = '' OR p.prosrc ~* 'nextval'
                          ),
                          sequence_name AS MATERIALIZED (
                              -- each sequence name written as text (a trigger's nextval('s'), a default's
                              -- nextval('s'::text)) resolved as PostgreSQL resolves it at the call: the first
                              -- sequence of that name on the path when unqualified, both names folded as SQL folds them
                              SELECT l.lit, l.path, q.seq
                              FROM (SELECT c.lit, c.path FROM trigger_call AS c
                                    UNION
                                    SELECT d.lit, v_search_path::text[] FROM text_default AS d
                                    UNION
                                    SELECT w.lit, w.path FROM wrapper AS w WHERE w.lit IS NOT NULL) AS l
                              CROSS JOIN LATERAL (SELECT regexp_match(l.lit,
                                      '^\s*(?:("(?:[^"]|"")+"|[^."\s]+)\s*\.\s*)?("(?:[^"]|"")+"|[^."\s]+)\s*$') AS part) AS i
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
                              JOIN sequence_name AS q ON q.lit = d.lit AND q.path = v_search_path::text[]
                              UNION ALL
                              SELECT f.tbl, f.attnum, f.expr, f.link, f.plain_call AND ws.plain, ws.seq
                              FROM function_default AS f
                              JOIN wrapper_sequence AS ws ON ws.fn = f.fn AND ws.caller_path = v_search_path::text[]
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
                              WHERE tn.nspname = ANY (v_schemas::text[])
                              UNION ALL
                              SELECT o.seq
                              FROM (SELECT unnest(dc.seqs) AS seq, dc.tbl FROM domain_column AS dc
                                    UNION ALL
                                    SELECT dl.seq, dl.tbl FROM default_link AS dl
                                    UNION ALL
                                    SELECT tl.seq, tl.tgrelid FROM trigger_link AS tl WHERE tl.col IS NOT NULL) AS o
                              JOIN pg_class t ON t.oid = o.tbl
                              JOIN pg_namespace tn ON tn.oid = t.relnamespace
                              WHERE tn.nspname = ANY (v_schemas::text[])
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
                                AND ((n.nspname = ANY (v_schemas::text[]) OR (cardinality(v_schemas::text[]) = 0 AND (n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'))) OR c.oid = ANY (v_map_seq::oid[]) OR c.oid IN (SELECT r.seq FROM reached AS r))
                                AND (NOT v_mapped_only::bool OR c.oid = ANY (v_map_seq::oid[]))
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
                                         JOIN pg_class t ON t.relname = regexp_replace(s.relname, r.pattern, '\1', 'i')
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
                                                              AND t.tree NOT LIKE '%:funcformat 0 %:funcformat 0 %' AND t.tree !~ '\{(?!FUNCEXPR |CONST |RELABELTYPE |COERCETODOMAIN )'
                                                     END
                                                     -- on a PostgreSQL newer than the newest tested (18) the tree's format may
                                                     -- have changed: the deparsed text must say the same, so that a default
                                                     -- this cannot read is reported (skipped), never measured as plain
                                                     AND (pg_catalog.current_setting('server_version_num')::int
                                                              < 180000 + 10000
                                                          OR pg_get_expr(x.bin, x.tbl)
                                                             ~ '^\(?nextval\(''([^'']|'''')*''::regclass\)\)?(::[a-z0-9_ ."]+)?$')
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
                                              FROM unnest(v_map_seq::oid[], v_map_tbl::oid[], v_map_att::int2[], v_map_link::text[],
                                                          v_map_step::int8[]) AS m(seq, tbl, attnum, link, step)
                                              WHERE m.seq = s.oid
                                              UNION ALL
                                              -- link rules: the table of the name the rule makes, in the sequence's schema
                                              SELECT t.oid, a.attnum, false, false, NULL, NULL, 'link rule ' || r.name, 0
                                              FROM unnest(v_rule_pattern::text[], v_rule_table::text[], v_rule_column::text[],
                                                          v_rule_name::text[]) AS r(pattern, tbl, col, name)
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
                              WHERE EXISTS (SELECT FROM unnest(v_exclude::text[]) AS p WHERE u.relname ~ p OR (u.nspname || '.' || u.relname) ~ p) OR EXISTS (SELECT FROM unnest(v_exclude::text[]) AS p WHERE u.tbl_name ~ p OR (u.tbl_schema || '.' || u.tbl_name) ~ p)
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
                          ORDER BY c.nspname, c.relname, c.tbl_schema, c.tbl_name, c.attnum) AS d
          GROUP BY d.oid, d.nspname, d.relname, d.display, d.seqstart, d.seqincrement, d.seqmin, d.seqmax,
                   d.seqcycle, d.can_update, d.sequence_problem, d.unlinked, d.untrusted) AS g;
    v_tables := ARRAY(SELECT (c->>'tbl')::oid
                      FROM unnest(v_scoped) AS e, jsonb_array_elements(e->'measured') AS c
                      WHERE jsonb_array_length(e->'problems') = 0);

    -- 2. Optional SHARE locks, in oid order, before anything is measured. A table whose lock
    --    is not granted in time fails the run, or with failOnProblem false is left out (its
    --    sequences become problems) and the others are locked again from scratch.
    v_waiting := true;
    IF v_lock THEN
        v_text := (SELECT pg_catalog.string_agg(t::regclass::text, ', ' ORDER BY t)
                  FROM pg_catalog.unnest(v_tables) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                  WHERE c.relkind <> 'f' AND NOT (CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 170000 THEN pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE, MAINTAIN') ELSE pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE') END));
        IF v_text IS NOT NULL THEN
            RAISE EXCEPTION 'lockTables: this role may not lock % in SHARE mode, which needs the UPDATE, DELETE'
                ' or TRUNCATE privilege on each table (or MAINTAIN, from PostgreSQL 17): grant one, or run'
                ' without lockTables', v_text USING ERRCODE = 'insufficient_privilege';
        END IF;
        LOOP
            v_remaining := ARRAY(SELECT DISTINCT t FROM unnest(v_tables) AS t
                                 WHERE NOT v_blocked ? t::text ORDER BY t);
            EXIT WHEN cardinality(v_remaining) = 0;
            v_text := (SELECT pg_catalog.string_agg(t::regclass::text, ', ' ORDER BY t)
                         FROM pg_catalog.unnest(v_remaining) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                         WHERE c.relkind <> 'f' AND CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 170000 THEN pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE, MAINTAIN') ELSE pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE') END);
            EXIT WHEN v_text IS NULL;
            BEGIN
                EXECUTE 'LOCK TABLE ' || v_text || ' IN SHARE MODE';
                EXIT;
            EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
                SELECT string_agg(b.blockers, '; '), coalesce(jsonb_object_agg(b.asked::text, b.blockers), '{}')
                INTO v_blockers, v_col
                FROM (WITH RECURSIVE rel(asked, rel, share) AS (
                              SELECT t, t, true FROM pg_catalog.unnest(v_remaining) AS t
                              UNION
                              SELECT rel.asked, i.inhrelid, rel.share FROM pg_catalog.pg_inherits AS i JOIN rel ON i.inhparent = rel.rel
                          ), wanted AS (
                              SELECT asked, rel, CASE WHEN share
                                  THEN '{RowExclusiveLock,ShareUpdateExclusiveLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'
                                  ELSE '{AccessExclusiveLock}' END::text[] AS conflicts
                              FROM rel
                              UNION ALL
                              -- the tables' indexes, which the measurement reads (REINDEX holds them ACCESS EXCLUSIVE)
                              SELECT rel.asked, i.indexrelid, '{AccessExclusiveLock}'::text[]
                              FROM rel JOIN pg_catalog.pg_index AS i ON i.indrelid = rel.rel
                              UNION ALL
                              SELECT s, s, '{ShareLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'::text[]
                              FROM pg_catalog.unnest('{}'::oid[]) AS s
                          ), held AS (
                              SELECT w.asked, w.rel,
                                     pg_catalog.format('%s %s%s: %s',
                                         CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                                                        ELSE 'table' END, c.oid::regclass,
                                         CASE WHEN w.rel <> w.asked THEN pg_catalog.format(' (of %s)', w.asked::regclass) ELSE '' END,
                                         pg_catalog.string_agg(CASE WHEN l.pid IS NULL
                                             THEN pg_catalog.format('prepared transaction %s (%s, prepared %s s ago; only COMMIT PREPARED'
                                                                    || ' or ROLLBACK PREPARED ends it) holds %s',
                                                 coalesce(pg_catalog.quote_literal(px.gid), 'unknown'),
                                                 coalesce('user ' || px.owner, 'user unknown'),
                                                 coalesce(pg_catalog.round(extract(epoch FROM pg_catalog.now() - px.prepared))::text, '?'),
                                                 l.mode)
                                             ELSE pg_catalog.format('pid %s (%s%s, %s%s) %s %s',
                                             -- a background process has no user: an autovacuum worker's text says what it vacuums and
                                             -- whether it prevents wraparound (PostgreSQL then cancels it for no waiting session); only
                                             -- superusers and pg_read_all_stats see that text and the process's kind
                                             l.pid, CASE WHEN a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: %' THEN a.query
                                                         WHEN a.usename IS NOT NULL THEN 'user ' || a.usename
                                                         WHEN a.backend_type IS NOT NULL THEN a.backend_type
                                                         WHEN a.pid IS NOT NULL THEN 'a background process, such as autovacuum'
                                                         ELSE 'user unknown' END,
                                             CASE WHEN a.application_name <> '' THEN pg_catalog.format(', application %L', a.application_name)
                                                  ELSE '' END,
                                             coalesce(a.state, 'state unknown'),
                                             CASE WHEN a.xact_start IS NOT NULL THEN pg_catalog.format(', in a transaction for %s s',
                                                 pg_catalog.round(extract(epoch FROM pg_catalog.now() - a.xact_start))) ELSE '' END,
                                             CASE WHEN l.granted THEN 'holds' ELSE 'waits for' END, l.mode) END,
                                             '; ' ORDER BY l.granted DESC, l.pid, px.gid)) AS blockers
                              FROM wanted AS w
                              JOIN pg_catalog.pg_locks AS l ON l.locktype = 'relation' AND l.relation = w.rel
                                   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
                                   -- a prepared transaction's locks have no pid (IS DISTINCT FROM keeps them)
                                   AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND l.mode = ANY (w.conflicts)
                              JOIN pg_catalog.pg_class AS c ON c.oid = w.rel
                              LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
                              -- which prepared transaction: the one whose transaction id lock has the same virtual
                              -- transaction (pg_locks names prepared transactions by no other column)
                              LEFT JOIN LATERAL (
                                  SELECT p.gid, p.owner, p.prepared
                                  FROM pg_catalog.pg_locks AS x
                                  JOIN pg_catalog.pg_prepared_xacts AS p ON p.transaction = x.transactionid
                                  WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
                                    AND x.virtualtransaction = l.virtualtransaction
                              ) AS px ON true
                              GROUP BY w.asked, w.rel, c.oid, c.relkind
                          )
                          -- one row per relation asked for, whatever number of its partitions and indexes are held
                          SELECT h.asked, pg_catalog.string_agg(h.blockers, '; ' ORDER BY h.rel) AS blockers
                          FROM held AS h
                          GROUP BY h.asked
                          ORDER BY h.asked) AS b;
                IF v_fail OR v_blockers IS NULL THEN
                    RAISE EXCEPTION '%', CASE WHEN SQLSTATE = E'40P01' THEN E'PostgreSQL cancelled the resync to break a deadlock with another session' ELSE format(E'a lock was not granted within the lock timeout (%s)', pg_catalog.current_setting('lock_timeout')) END || ': ' || coalesce(v_blockers || E'. Wait for those sessions to finish, end them (SELECT pg_terminate_backend(pid)), leave those tables out (exclude), or raise the lock timeout (lockTimeout)', E'the session that held it has released it since; run again') || CASE WHEN v_applying THEN '' ELSE E'. Nothing was changed' END USING ERRCODE = SQLSTATE;
                END IF;
                v_blocked := v_blocked || v_col;
            END;
        END LOOP;
    END IF;

    -- 3. Measure, with the Java path's statement (see Measurer): every readable sequence's state
    --    and its columns' extremes in one statement. A relation whose lock is not granted in time
    --    fails the run, or with failOnProblem false is left out (its sequences become problems)
    --    and the others are measured again, from scratch. Nothing changes yet.
    LOOP
        SELECT coalesce(array_agg((x.e->>'oid')::oid ORDER BY x.n), '{}') INTO v_measure_seq
        FROM unnest(v_scoped) WITH ORDINALITY AS x(e, n)
        WHERE jsonb_array_length(x.e->'problems') = 0 AND NOT v_blocked ? (x.e->>'oid')
          AND NOT EXISTS (SELECT FROM jsonb_array_elements(x.e->'measured') AS c WHERE v_blocked ? (c->>'tbl'));
        SELECT coalesce(array_agg(k.tbl ORDER BY k.first) FILTER (WHERE NOT k.remote), '{}'),
               coalesce(array_agg(k.col ORDER BY k.first) FILTER (WHERE NOT k.remote), '{}'),
               coalesce(array_agg(k.descending ORDER BY k.first) FILTER (WHERE NOT k.remote), '{}'),
               coalesce(array_agg(k.indexed ORDER BY k.first) FILTER (WHERE NOT k.remote), '{}'),
               coalesce(array_agg(k.tbl ORDER BY k.first) FILTER (WHERE k.remote), '{}'),
               coalesce(array_agg(k.col ORDER BY k.first) FILTER (WHERE k.remote), '{}'),
               coalesce(array_agg(k.descending ORDER BY k.first) FILTER (WHERE k.remote), '{}'),
               coalesce(array_agg(k.indexed ORDER BY k.first) FILTER (WHERE k.remote), '{}')
        INTO v_measure_tbl, v_measure_col, v_measure_desc, v_measure_indexed,
             v_remote_tbl, v_remote_col, v_remote_desc, v_remote_indexed
        FROM (SELECT (c.v->>'tbl')::oid AS tbl, c.v->>'col' AS col, (x.e->>'inc')::int8 < 0 AS descending,
                     bool_or((c.v->>'indexed')::boolean) AS indexed, min(x.n * 100000 + c.m) AS first,
                     bool_or(c.v->>'remote' IS NOT NULL) AS remote
              FROM unnest(v_scoped) WITH ORDINALITY AS x(e, n),
                   jsonb_array_elements(x.e->'measured') WITH ORDINALITY AS c(v, m)
              WHERE (x.e->>'oid')::oid = ANY (v_measure_seq)
              GROUP BY 1, 2, 3) AS k;
        BEGIN
            -- without SHARE locks, the tables' ACCESS SHARE first, in a statement of its own, so
            -- that the measurement's snapshot comes after every wait (see Applier.TableLock)
            IF NOT v_lock THEN
                v_remaining := ARRAY(SELECT DISTINCT t FROM unnest(v_measure_tbl || v_remote_tbl) AS t
                                     ORDER BY t);
                v_text := (SELECT pg_catalog.string_agg(t::regclass::text, ', ' ORDER BY t)
                             FROM pg_catalog.unnest(v_remaining) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                             WHERE c.relkind <> 'f' AND pg_catalog.has_table_privilege(t, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE'));
                IF v_text IS NOT NULL THEN
                    EXECUTE 'LOCK TABLE ' || v_text || ' IN ACCESS SHARE MODE';
                END IF;
                FOR v_text IN SELECT t::regclass::text
                             FROM pg_catalog.unnest(v_remaining) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                             WHERE c.relkind <> 'f'
                               AND NOT pg_catalog.has_table_privilege(t, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
                               AND pg_catalog.has_any_column_privilege(t, 'SELECT')
                             ORDER BY t LOOP
                    EXECUTE 'SELECT FROM ' || v_text || ' LIMIT 0';
                END LOOP;
            END IF;
            v_state_key := '{}'; v_state := '{}'; v_extreme_key := '{}'; v_extreme := '{}';
            FOR v_row IN EXECUTE v_measure USING v_measure_seq, v_measure_tbl, v_measure_col, v_measure_desc, v_measure_indexed LOOP
                IF v_row.kind = 's' THEN
                    v_state_key := array_append(v_state_key, v_measure_seq[v_row.i]::text);
                    v_state := array_append(v_state, jsonb_build_array(v_row.value, v_row.called));
                ELSE
                    v_extreme_key := array_append(v_extreme_key, v_measure_tbl[v_row.i] || '/' || v_measure_col[v_row.i] || '/' || v_measure_desc[v_row.i]);
                    v_extreme := array_append(v_extreme, v_row.value);
                END IF;
            END LOOP;
            -- each column read through foreign tables in a statement of its own: a failure there
            -- (the other server down, no user mapping, a missing file) is the column's problem
            v_remote_failed := '{}';
            FOR v_i IN 1 .. cardinality(v_remote_tbl) LOOP
                v_one_measure_tbl := ARRAY[v_remote_tbl[v_i]]; v_one_measure_col := ARRAY[v_remote_col[v_i]];
                v_one_measure_desc := ARRAY[v_remote_desc[v_i]];
                v_one_measure_indexed := ARRAY[v_remote_indexed[v_i]];
                v_text := v_remote_tbl[v_i] || '/' || v_remote_col[v_i] || '/' || v_remote_desc[v_i];
                BEGIN
                    FOR v_row IN EXECUTE v_measure USING v_one_measure_seq, v_one_measure_tbl, v_one_measure_col, v_one_measure_desc, v_one_measure_indexed LOOP
                        v_extreme_key := array_append(v_extreme_key, v_text);
                        v_extreme := array_append(v_extreme, v_row.value);
                    END LOOP;
                EXCEPTION WHEN OTHERS THEN
                    IF SQLSTATE IN (E'55P03', E'40P01', E'53200', E'57014') THEN
                        RAISE;
                    END IF;
                    v_remote_failed := v_remote_failed || jsonb_build_object(v_text, SQLERRM);
                END;
            END LOOP;
            SELECT coalesce(jsonb_object_agg(k, v), '{}') INTO v_states FROM unnest(v_state_key, v_state) AS u(k, v);
            SELECT coalesce(jsonb_object_agg(k, v), '{}') INTO v_extremes
            FROM unnest(v_extreme_key, v_extreme) AS u(k, v);
            EXIT;
        EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
            SELECT string_agg(b.blockers, '; '), coalesce(jsonb_object_agg(b.asked::text, b.blockers), '{}')
            INTO v_blockers, v_col
            FROM (WITH RECURSIVE rel(asked, rel, share) AS (
                              SELECT t, t, v_lock FROM pg_catalog.unnest(v_measure_tbl || v_remote_tbl) AS t
                              UNION
                              SELECT rel.asked, i.inhrelid, rel.share FROM pg_catalog.pg_inherits AS i JOIN rel ON i.inhparent = rel.rel
                          ), wanted AS (
                              SELECT asked, rel, CASE WHEN share
                                  THEN '{RowExclusiveLock,ShareUpdateExclusiveLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'
                                  ELSE '{AccessExclusiveLock}' END::text[] AS conflicts
                              FROM rel
                              UNION ALL
                              -- the tables' indexes, which the measurement reads (REINDEX holds them ACCESS EXCLUSIVE)
                              SELECT rel.asked, i.indexrelid, '{AccessExclusiveLock}'::text[]
                              FROM rel JOIN pg_catalog.pg_index AS i ON i.indrelid = rel.rel
                              UNION ALL
                              SELECT s, s, '{ShareLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'::text[]
                              FROM pg_catalog.unnest(v_measure_seq) AS s
                          ), held AS (
                              SELECT w.asked, w.rel,
                                     pg_catalog.format('%s %s%s: %s',
                                         CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                                                        ELSE 'table' END, c.oid::regclass,
                                         CASE WHEN w.rel <> w.asked THEN pg_catalog.format(' (of %s)', w.asked::regclass) ELSE '' END,
                                         pg_catalog.string_agg(CASE WHEN l.pid IS NULL
                                             THEN pg_catalog.format('prepared transaction %s (%s, prepared %s s ago; only COMMIT PREPARED'
                                                                    || ' or ROLLBACK PREPARED ends it) holds %s',
                                                 coalesce(pg_catalog.quote_literal(px.gid), 'unknown'),
                                                 coalesce('user ' || px.owner, 'user unknown'),
                                                 coalesce(pg_catalog.round(extract(epoch FROM pg_catalog.now() - px.prepared))::text, '?'),
                                                 l.mode)
                                             ELSE pg_catalog.format('pid %s (%s%s, %s%s) %s %s',
                                             -- a background process has no user: an autovacuum worker's text says what it vacuums and
                                             -- whether it prevents wraparound (PostgreSQL then cancels it for no waiting session); only
                                             -- superusers and pg_read_all_stats see that text and the process's kind
                                             l.pid, CASE WHEN a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: %' THEN a.query
                                                         WHEN a.usename IS NOT NULL THEN 'user ' || a.usename
                                                         WHEN a.backend_type IS NOT NULL THEN a.backend_type
                                                         WHEN a.pid IS NOT NULL THEN 'a background process, such as autovacuum'
                                                         ELSE 'user unknown' END,
                                             CASE WHEN a.application_name <> '' THEN pg_catalog.format(', application %L', a.application_name)
                                                  ELSE '' END,
                                             coalesce(a.state, 'state unknown'),
                                             CASE WHEN a.xact_start IS NOT NULL THEN pg_catalog.format(', in a transaction for %s s',
                                                 pg_catalog.round(extract(epoch FROM pg_catalog.now() - a.xact_start))) ELSE '' END,
                                             CASE WHEN l.granted THEN 'holds' ELSE 'waits for' END, l.mode) END,
                                             '; ' ORDER BY l.granted DESC, l.pid, px.gid)) AS blockers
                              FROM wanted AS w
                              JOIN pg_catalog.pg_locks AS l ON l.locktype = 'relation' AND l.relation = w.rel
                                   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
                                   -- a prepared transaction's locks have no pid (IS DISTINCT FROM keeps them)
                                   AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND l.mode = ANY (w.conflicts)
                              JOIN pg_catalog.pg_class AS c ON c.oid = w.rel
                              LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
                              -- which prepared transaction: the one whose transaction id lock has the same virtual
                              -- transaction (pg_locks names prepared transactions by no other column)
                              LEFT JOIN LATERAL (
                                  SELECT p.gid, p.owner, p.prepared
                                  FROM pg_catalog.pg_locks AS x
                                  JOIN pg_catalog.pg_prepared_xacts AS p ON p.transaction = x.transactionid
                                  WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
                                    AND x.virtualtransaction = l.virtualtransaction
                              ) AS px ON true
                              GROUP BY w.asked, w.rel, c.oid, c.relkind
                          )
                          -- one row per relation asked for, whatever number of its partitions and indexes are held
                          SELECT h.asked, pg_catalog.string_agg(h.blockers, '; ' ORDER BY h.rel) AS blockers
                          FROM held AS h
                          GROUP BY h.asked
                          ORDER BY h.asked) AS b;
            IF v_fail OR v_blockers IS NULL THEN
                RAISE EXCEPTION '%', CASE WHEN SQLSTATE = E'40P01' THEN E'PostgreSQL cancelled the resync to break a deadlock with another session' ELSE format(E'a lock was not granted within the lock timeout (%s)', pg_catalog.current_setting('lock_timeout')) END || ': ' || coalesce(v_blockers || E'. Wait for those sessions to finish, end them (SELECT pg_terminate_backend(pid)), leave those tables out (exclude), or raise the lock timeout (lockTimeout)', E'the session that held it has released it since; run again') || CASE WHEN v_applying THEN '' ELSE E'. Nothing was changed' END USING ERRCODE = SQLSTATE;
            END IF;
            v_blocked := v_blocked || v_col;
        END;
    END LOOP;
    v_waiting := false;
    -- the planner's input: each sequence, and its measured columns when it was read; one whose
    -- relations stayed locked is a problem naming who held them (the sequence's first), and so
    -- is each of its columns whose read through foreign tables failed
    WITH s AS (
        SELECT x.n, x.e, ARRAY(SELECT jsonb_array_elements_text(x.e->'problems'))
                   || CASE WHEN jsonb_array_length(x.e->'problems') = 0 AND b.text IS NOT NULL
                           THEN ARRAY[format(E'left alone: its relations stayed locked past the lock timeout (%s): %s', pg_catalog.current_setting('lock_timeout'),
                                             b.text)] ELSE '{}' END
                   || CASE WHEN v_remote_failed = '{}' THEN '{}'::text[] ELSE ARRAY(
                          SELECT format(E'column %s could not be measured: reading %s failed: %s', c.v->>'display', c.v->>'remote',
                                        v_remote_failed->>r.key)
                          FROM jsonb_array_elements(x.e->'measured') WITH ORDINALITY AS c(v, m)
                          CROSS JOIN LATERAL (SELECT (c.v->>'tbl') || '/' || (c.v->>'col') || '/' || ((x.e->>'inc')::int8 < 0) AS key) AS r
                          WHERE v_remote_failed ? r.key
                          ORDER BY c.m) END AS problems
        FROM unnest(v_scoped) WITH ORDINALITY AS x(e, n)
        LEFT JOIN LATERAL (
            SELECT string_agg(w.text, '; ' ORDER BY w.n) AS text
            FROM (SELECT v_blocked->>(x.e->>'oid') AS text, 0 AS n
                  UNION ALL
                  SELECT v_blocked->>(c.v->>'tbl'), min(c.m)
                  FROM jsonb_array_elements(x.e->'measured') WITH ORDINALITY AS c(v, m)
                  GROUP BY c.v->>'tbl') AS w
            WHERE w.text IS NOT NULL) AS b ON v_blocked <> '{}'
    )
    SELECT coalesce(array_agg(s.e->>'display' ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'start')::int8 ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'inc')::int8 ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'min')::int8 ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'max')::int8 ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'cycle')::boolean ORDER BY s.n), '{}'),
           -- the state where it was read (a column whose foreign read failed leaves it read)
           coalesce(array_agg((v_states->(s.e->>'oid')->>0)::int8 ORDER BY s.n), '{}'),
           coalesce(array_agg(coalesce((v_states->(s.e->>'oid')->>1)::boolean, false) ORDER BY s.n), '{}'),
           coalesce(array_agg((s.e->>'can_update')::boolean ORDER BY s.n), '{}'),
           coalesce(array_agg(jsonb_array_length(s.e->'columns') > 0 ORDER BY s.n), '{}'),
           coalesce(array_agg(cardinality(s.problems) > 0 ORDER BY s.n), '{}'),
           -- no cutover source in a script
           coalesce(array_agg(NULL::int8 ORDER BY s.n), '{}'), coalesce(array_agg(false ORDER BY s.n), '{}'),
           coalesce(array_agg(s.e || jsonb_build_object(
               'called', coalesce((v_states->(s.e->>'oid')->>1)::boolean, false),
               'problems', to_jsonb(s.problems)) ORDER BY s.n), '{}')
    INTO v_seq_name, v_seq_start, v_seq_inc, v_seq_min, v_seq_max, v_seq_cycle, v_seq_last, v_seq_called,
         v_seq_updatable, v_seq_used, v_seq_blocked, v_seq_source_last, v_seq_source_called, v_inputs
    FROM s;
    SELECT coalesce(array_agg(x.n ORDER BY x.n, c.m), '{}'),
           coalesce(array_agg(c.v->>'display' ORDER BY x.n, c.m), '{}'),
           coalesce(array_agg(c.v->>'type' ORDER BY x.n, c.m), '{}'),
           coalesce(array_agg(c.v->>'base' ORDER BY x.n, c.m), '{}'),
           coalesce(array_agg(v_extremes->>((c.v->>'tbl') || '/' || (c.v->>'col') || '/' || ((x.e->>'inc')::int8 < 0)) ORDER BY x.n, c.m), '{}'),
           coalesce(array_agg((c.v->>'step')::int8 ORDER BY x.n, c.m), '{}')
    INTO v_col_seq, v_col_name, v_col_type, v_col_base, v_col_extreme, v_col_step
    FROM unnest(v_inputs) WITH ORDINALITY AS x(e, n),
         jsonb_array_elements(x.e->'measured') WITH ORDINALITY AS c(v, m)
    WHERE v_states ? (x.e->>'oid');

    -- 4. Plan: the Java path's own statement (see Planner), over these variables.
    SELECT coalesce(array_agg(jsonb_build_object(
               'oid', x.e->'oid', 'display', x.e->'display', 'inc', x.e->'inc',
               'min', x.e->'min', 'max', x.e->'max',
               'called', x.e->'called', 'action', p.action,
               'before', p.before, 'after', p.after,
               'columns', (SELECT coalesce(string_agg(c->>'display', ', '), '-')
                           FROM jsonb_array_elements(x.e->'columns') AS c),
               'links', (SELECT coalesce(jsonb_agg((c->>'display') || ' by ' || (c->>'link')), '[]')
                         FROM jsonb_array_elements(x.e->'columns') AS c WHERE c->>'link' IS NOT NULL),
               'problems', (x.e->'problems') || to_jsonb(p.problems),
               'warnings', (x.e->'warnings') || to_jsonb(p.warnings)) ORDER BY p.i), '{}')
    INTO v_plans
    FROM (WITH seq AS (
                              SELECT q.i, q.name, q.start::numeric AS start, q.inc::numeric AS inc, q.min::numeric AS min,
                                     q.max::numeric AS max, q.cycle, q.last::numeric AS last, q.called, q.updatable, q.used,
                                     q.blocked AS blocked_before, q.source_last::numeric AS source_last, q.source_called,
                                     q.inc > 0 AS up
                              FROM unnest(v_seq_name::text[], v_seq_start::int8[], v_seq_inc::int8[], v_seq_min::int8[],
                                          v_seq_max::int8[], v_seq_cycle::bool[], v_seq_last::int8[], v_seq_called::bool[],
                                          v_seq_updatable::bool[], v_seq_used::bool[], v_seq_blocked::bool[],
                                          v_seq_source_last::int8[], v_seq_source_called::bool[])
                                   WITH ORDINALITY AS q(name, start, inc, min, max, cycle, last, called, updatable, used, blocked,
                                                        source_last, source_called, i)
                          ), col AS (
                              -- a numeric column's extreme rounded away from the values the sequence gave; how far
                              -- past it the next value lies, in the sequence's direction; the range of its type
                              SELECT c.n, c.seq, c.name, c.type, s.up,
                                     CASE WHEN s.up THEN ceil(c.extreme::numeric) ELSE floor(c.extreme::numeric) END AS extreme,
                                     CASE WHEN c.step = 0 THEN s.inc WHEN s.up THEN c.step ELSE -c.step END AS step,
                                     r.type_max, -r.type_max - 1 AS type_min
                              FROM unnest(v_col_seq::int8[], v_col_name::text[], v_col_type::text[], v_col_base::text[],
                                          v_col_extreme::text[], v_col_step::int8[])
                                   WITH ORDINALITY AS c(seq, name, type, base, extreme, step, n)
                              CROSS JOIN LATERAL (SELECT CASE c.base WHEN 'smallint' THEN 32767 WHEN 'integer' THEN 2147483647
                                                                     ELSE 9223372036854775807 END::numeric AS type_max) AS r
                              JOIN seq AS s ON s.i = c.seq
                          ), top AS (
                              -- the column whose values ask for the furthest next value (the first of equals); a
                              -- sequence with measured columns only empty ones has one with a NULL extreme
                              SELECT DISTINCT ON (c.seq) c.seq, c.name, c.extreme, c.extreme + c.step AS candidate
                              FROM col AS c
                              ORDER BY c.seq,
                                       c.extreme IS NULL,
                                       -- NaN lies above everything, so it is never the furthest down
                                       NOT c.up AND c.extreme::text = 'NaN',
                                       CASE WHEN c.up THEN c.extreme + c.step ELSE -(c.extreme + c.step) END DESC,
                                       CASE WHEN c.extreme::text IN ('NaN', 'Infinity', '-Infinity') THEN abs(c.step) END DESC NULLS LAST,
                                       c.n
                          ), pos AS MATERIALIZED (
                              -- where each sequence stands, and on a cutover where the source's of the same definition
                              -- stands: the next value a state (last value, called) gives; past a bound a CYCLE sequence
                              -- wraps, any other is exhausted. An exhausted source has no value to carry over: a problem
                              SELECT s.*, t.name AS top_name, t.extreme AS top_value, t.candidate,
                                     t.seq IS NOT NULL AS measured, w.exhausted, w.next,
                                     CASE WHEN NOT ws.exhausted THEN ws.next END AS source,
                                     coalesce(ws.exhausted, false) AS source_exhausted,
                                     s.blocked_before OR coalesce(ws.exhausted, false) AS blocked,
                                     CASE WHEN s.up THEN 'above MAXVALUE ' || s.max ELSE 'below MINVALUE ' || s.min END AS beyond,
                                     CASE WHEN s.up THEN 'MAXVALUE ' || s.max ELSE 'MINVALUE ' || s.min END AS bound
                              FROM seq AS s
                              LEFT JOIN LATERAL (
                                              SELECT x.raw NOT BETWEEN s.min AND s.max AND NOT s.cycle AS exhausted,
                                                     CASE WHEN x.raw BETWEEN s.min AND s.max OR NOT s.cycle THEN x.raw
                                                          WHEN s.up THEN s.min ELSE s.max END AS next
                                              FROM (SELECT CASE WHEN s.called THEN s.last + s.inc ELSE s.last END AS raw) AS x
                                              WHERE s.last IS NOT NULL) AS w ON true
                              LEFT JOIN LATERAL (
                                              SELECT x.raw NOT BETWEEN s.min AND s.max AND NOT s.cycle AS exhausted,
                                                     CASE WHEN x.raw BETWEEN s.min AND s.max OR NOT s.cycle THEN x.raw
                                                          WHEN s.up THEN s.min ELSE s.max END AS next
                                              FROM (SELECT CASE WHEN s.source_called THEN s.source_last + s.inc ELSE s.source_last END AS raw) AS x
                                              WHERE s.source_last IS NOT NULL) AS ws ON true
                              LEFT JOIN top AS t ON t.seq = s.i
                          ), aim AS MATERIALIZED (
                              -- what the data asks for, or why it cannot be had; then the target (forward or exact)
                              SELECT p.*, d.data_problem, d.from_data, o.from_source,
                                     CASE WHEN o.from_source THEN p.source WHEN d.from_data IS NOT NULL THEN d.from_data
                                          WHEN v_exact::bool THEN p.start END AS target,
                                     CASE WHEN p.last IS NULL OR p.exhausted THEN NULL ELSE p.next END AS stays
                              FROM pos AS p
                              CROSS JOIN LATERAL (SELECT
                                  CASE WHEN p.top_value IS NULL THEN NULL
                                       WHEN CASE WHEN p.up THEN p.top_value > p.max ELSE p.top_value < p.min END
                                           THEN format(E'column %s holds %s, %s: these rows did not come from the sequence and it cannot pass them', p.top_name, p.top_value, p.beyond)
                                       WHEN CASE WHEN p.up THEN p.candidate > p.max ELSE p.candidate < p.min END
                                           THEN format(E'column %s holds %s and the next value %s would be %s: %s', p.top_name, p.top_value, p.candidate, p.beyond,
                                                       CASE WHEN p.cycle
                                                            THEN format(E'the CYCLE sequence would wrap to %s, where ids are likely taken', CASE WHEN p.up THEN p.min ELSE p.max END)
                                                            ELSE format(E'the sequence is exhausted') END)
                                  END AS data_problem,
                                  -- every value before the sequence's range: nothing to collide with
                                  CASE WHEN p.candidate BETWEEN p.min AND p.max THEN p.candidate END AS from_data) AS d
                              -- a cutover's source: its next value where that lies further, so that no id it handed
                              -- out (whose row it may have deleted since) is handed out again
                              CROSS JOIN LATERAL (SELECT p.source IS NOT NULL AND NOT p.blocked AND d.data_problem IS NULL
                                                         AND (d.from_data IS NULL OR CASE WHEN p.up THEN p.source > d.from_data
                                                                                          ELSE p.source < d.from_data END)
                                                         AS from_source) AS o
                          ), decided AS MATERIALIZED (
                              SELECT a.*, x.action, x.after, x.problem, x.warning
                              FROM aim AS a
                              CROSS JOIN LATERAL (
                                  SELECT CASE
                                             WHEN a.last IS NULL THEN CASE WHEN a.blocked THEN 'problem' ELSE 'skipped' END
                                             -- nothing measured: left alone, and said why
                                             WHEN NOT a.measured AND a.source IS NULL
                                                 THEN CASE WHEN a.blocked OR (a.exhausted AND a.used) THEN 'problem' ELSE 'skipped' END
                                             WHEN a.blocked OR a.data_problem IS NOT NULL THEN 'problem'
                                             WHEN a.exhausted THEN CASE WHEN v_exact::bool THEN 'reset' ELSE 'problem' END
                                             WHEN a.target IS NULL OR a.target = a.next THEN 'unchanged'
                                             WHEN CASE WHEN a.up THEN a.target > a.next ELSE a.target < a.next END THEN 'advance'
                                             WHEN v_exact::bool THEN 'reset'
                                             ELSE 'unchanged'
                                         END AS action) AS k
                              CROSS JOIN LATERAL (
                                  SELECT k.action,
                                         CASE WHEN a.last IS NULL THEN NULL
                                              WHEN k.action IN ('advance', 'reset') THEN a.target
                                              ELSE a.stays END AS after,
                                         CASE WHEN a.last IS NULL THEN NULL
                                              WHEN NOT a.measured AND a.source IS NULL
                                                  THEN CASE WHEN a.exhausted AND a.used THEN format(E'the sequence is exhausted: after its last value %s the next step passes %s and it does not CYCLE, so the next insert would fail', a.last, a.bound) END
                                              WHEN a.data_problem IS NOT NULL THEN a.data_problem
                                              WHEN a.exhausted AND NOT a.blocked AND NOT v_exact::bool
                                                  THEN format(E'the sequence is exhausted: after its last value %s the next step passes %s and it does not CYCLE, so the next insert would fail', a.last, a.bound)
                                         END AS problem,
                                         CASE WHEN a.last IS NOT NULL AND NOT a.measured AND a.source IS NULL AND a.used
                                                   AND k.action = 'skipped' THEN format(E'no column whose values tell its position uses it; left alone')
                                              WHEN a.from_source AND k.action IN ('advance', 'reset')
                                                  THEN CASE WHEN a.from_data IS NULL THEN format(E'next value from the source: %s (no row here asks for one)', a.target)
                                                            ELSE format(E'next value from the source: %s (the rows here ask for %s)', a.target, a.from_data) END
                                         END AS warning) AS x
                          ), narrow AS (
                              -- the columns whose type cannot hold the next value
                              SELECT c.seq, array_agg(format(E'column %s is %s: the next value %s does not fit, so the next insert would fail', c.name, c.type, d.after) ORDER BY c.n) AS problems
                              FROM col AS c
                              JOIN decided AS d ON d.i = c.seq
                              WHERE d.action IN ('advance', 'reset', 'unchanged') AND d.after NOT BETWEEN c.type_min AND c.type_max
                              GROUP BY c.seq
                          ), planned AS (
                              SELECT d.i, f.action, d.stays AS before, f.after, d.last, d.up, d.inc, d.min, d.max, d.cycle,
                                     array_remove(ARRAY[CASE WHEN d.source_exhausted THEN format(E'the source''s sequence is exhausted: it hands out no next value to carry over') END, d.problem],
                                                  NULL) || coalesce(n.problems, '{}')
                                         || CASE WHEN g.denied AND NOT v_dry_run::bool THEN ARRAY[g.message] ELSE '{}' END AS problems,
                                     array_remove(ARRAY[d.warning, CASE WHEN g.denied AND v_dry_run::bool THEN g.message END], NULL)
                                         AS warnings
                              FROM decided AS d
                              LEFT JOIN narrow AS n ON n.seq = d.i
                              CROSS JOIN LATERAL (SELECT CASE WHEN n.seq IS NULL THEN d.action ELSE 'problem' END AS action,
                                                         CASE WHEN n.seq IS NULL THEN d.after ELSE d.stays END AS after) AS e
                              -- setval needs UPDATE: without it, a problem (a warning in a dry run)
                              CROSS JOIN LATERAL (SELECT e.action IN ('advance', 'reset') AND NOT d.updatable AS denied,
                                                         format(E'permission denied: UPDATE on sequence %s is needed to set its next value to %s', d.name, e.after) AS message) AS g
                              CROSS JOIN LATERAL (SELECT CASE WHEN g.denied AND NOT v_dry_run::bool THEN 'problem' ELSE e.action END AS action,
                                                         CASE WHEN g.denied AND NOT v_dry_run::bool THEN d.stays ELSE e.after END AS after)
                                  AS f
                          ), capacity_limit AS (
                              -- Capacity (of a sequence whose state was read): what stops its values first, from the
                              -- next value on. For each measured column, its type's end or the sequence's bound,
                              -- whichever comes first (an integer column fed by a bigint sequence); for a sequence
                              -- without one, its bound. A CYCLE sequence wraps there, onto ids likely taken.
                              SELECT p.i, c.n, c.name, p.after, abs(p.inc) AS step, p.up,
                                     CASE WHEN t.type_first THEN e.type_end ELSE b.seq_end END AS limit_value,
                                     CASE WHEN c.n IS NULL THEN b.seq_origin
                                          WHEN p.up THEN greatest(b.seq_origin, c.type_min)
                                          ELSE least(b.seq_origin, c.type_max) END AS origin,
                                     CASE WHEN t.type_first THEN 'column ' || c.name || ' (' || c.type || ')' ELSE b.bound END AS limited_by
                              FROM planned AS p
                              CROSS JOIN LATERAL (
                                  SELECT CASE WHEN p.up THEN p.max ELSE p.min END AS seq_end,
                                         CASE WHEN p.up THEN p.min ELSE p.max END AS seq_origin,
                                         CASE WHEN p.up THEN 'MAXVALUE ' || p.max ELSE 'MINVALUE ' || p.min END
                                         || CASE WHEN p.cycle THEN ', then CYCLE wraps to ' || CASE WHEN p.up THEN p.min ELSE p.max END
                                                 ELSE '' END AS bound) AS b
                              LEFT JOIN col AS c ON c.seq = p.i
                              CROSS JOIN LATERAL (SELECT CASE WHEN p.up THEN c.type_max ELSE c.type_min END AS type_end) AS e
                              CROSS JOIN LATERAL (SELECT c.n IS NOT NULL AND CASE WHEN p.up THEN e.type_end < b.seq_end
                                                                                  ELSE e.type_end > b.seq_end END AS type_first) AS t
                              WHERE p.last IS NOT NULL
                          ), capacity_figure AS (
                              -- how many values are left before that limit (0 when the next one fails already, or is
                              -- unknown) and the share of the range used, half up to a millionth (an exact integer
                              -- division, as Java's BigDecimal rounds)
                              SELECT l.i, l.n, l.name, l.limited_by, least(r.remaining, 9223372036854775807) AS remaining,
                                     CASE WHEN x.beyond THEN 100
                                          ELSE round(div((x.total - r.remaining) * 200000000 + x.total, 2 * x.total) / 1000000, 6)
                                     END AS percent
                              FROM capacity_limit AS l
                              CROSS JOIN LATERAL (SELECT div(abs(l.limit_value - l.origin), l.step) + 1 AS total,
                                                         l.after IS NULL OR CASE WHEN l.up THEN l.after > l.limit_value
                                                                                 ELSE l.after < l.limit_value END AS beyond) AS x
                              CROSS JOIN LATERAL (SELECT CASE WHEN x.beyond THEN 0
                                                              ELSE least(div(abs(l.limit_value - l.after), l.step) + 1, x.total)
                                                         END AS remaining) AS r
                          ), capacity AS (
                              -- the sequence's: the column that runs out first (the first of equals), else its own bound
                              SELECT DISTINCT ON (f.i) f.i, f.remaining, f.percent, f.limited_by
                              FROM capacity_figure AS f
                              ORDER BY f.i, f.remaining, f.n
                          ), capacity_column AS (
                              SELECT f.i, array_agg(f.name ORDER BY f.n) AS columns, array_agg(f.remaining ORDER BY f.n) AS remaining,
                                     array_agg(f.percent ORDER BY f.n) AS percent, array_agg(f.limited_by ORDER BY f.n) AS limited_by
                              FROM capacity_figure AS f
                              WHERE f.n IS NOT NULL
                              GROUP BY f.i
                          )
                          SELECT p.i, p.action, p.before, p.after, p.problems,
                                 p.warnings || CASE WHEN k.percent >= v_warn_at::numeric
                                                    THEN ARRAY[format(E'capacity: %s%% used, %s values left before %s runs out', round(k.percent, 1), k.remaining, k.limited_by)]
                                                    ELSE '{}' END AS warnings,
                                 k.remaining AS capacity_remaining, k.percent AS capacity_percent,
                                 k.limited_by AS capacity_limited_by, m.columns AS capacity_columns,
                                 m.remaining AS capacity_column_remaining, m.percent AS capacity_column_percent,
                                 m.limited_by AS capacity_column_limited_by
                          FROM planned AS p
                          LEFT JOIN capacity AS k ON k.i = p.i
                          LEFT JOIN capacity_column AS m ON m.i = p.i
                          ORDER BY p.i) AS p
    JOIN unnest(v_inputs) WITH ORDINALITY AS x(e, n) ON x.n = p.i;
    v_all_problems := ARRAY(SELECT format(E'%s: %s', x.e->>'display', q.text)
          FROM unnest(v_plans) WITH ORDINALITY AS x(e, n),
               jsonb_array_elements_text(x.e->'problems') WITH ORDINALITY AS q(text, k)
          ORDER BY x.n, q.k);

    IF v_fail AND cardinality(v_all_problems) > 0 THEN
        RAISE EXCEPTION '%', format(E'sequences not resynced, nothing changed: %s found
  %s
(set %s to resync the other sequences anyway)', (cardinality(v_all_problems)) || CASE WHEN (cardinality(v_all_problems)) = 1 THEN E' problem' ELSE E' problems' END,
            array_to_string(v_all_problems, E'\n  '), E'failOnProblem(false)');
    END IF;

    -- 5. Apply, with the Java path's statement (see Applier): in forward mode only while the
    --    sequence has not meanwhile passed its target; one left alone says why. A sequence whose
    --    lock is not granted in time (ALTER SEQUENCE elsewhere; PostgreSQL 18 measures without
    --    that lock) fails the run, or with failOnProblem false becomes a problem, and the others
    --    are applied again (one already set is at its target, and left alone).
    v_waiting := true;
    v_applying := NOT v_dry_run;
    WHILE NOT v_dry_run LOOP
        SELECT coalesce(array_agg((p.e->>'oid')::oid ORDER BY p.n), '{}'),
               coalesce(array_agg((p.e->>'after')::int8 ORDER BY p.n), '{}'),
               coalesce(array_agg((p.e->>'inc')::int8 ORDER BY p.n), '{}'),
               coalesce(array_agg((p.e->>'min')::int8 ORDER BY p.n), '{}'),
               coalesce(array_agg((p.e->>'max')::int8 ORDER BY p.n), '{}'),
               coalesce(array_agg(coalesce((p.e->>'called')::boolean, false) ORDER BY p.n), '{}'),
               coalesce(array_agg(p.n::int ORDER BY p.n), '{}')
        INTO v_apply_seq, v_apply_target, v_apply_inc, v_apply_min, v_apply_max, v_apply_was_called, v_apply_at
        FROM unnest(v_plans) WITH ORDINALITY AS p(e, n)
        WHERE p.e->>'action' IN ('advance', 'reset');
        BEGIN
            FOR v_row IN EXECUTE pg_catalog.replace(E'SELECT q.i,
       CASE WHEN $1::bool
              OR (cur.next IS NULL AND NOT q.was_called)
              OR (cur.next IS NOT NULL AND CASE WHEN q.inc > 0 THEN cur.next < q.target
                                                ELSE cur.next > q.target END)
            THEN setval(q.seq::regclass, CASE WHEN s.called THEN s.before::int8 ELSE q.target END, s.called)
       END AS set_to,
       cur.next::text AS next_now
FROM unnest($2::oid[], $3::int8[], $4::int8[], $5::int8[],
            $6::int8[], $7::bool[])
     WITH ORDINALITY AS q(seq, target, inc, min, max, was_called, i)
CROSS JOIN LATERAL (SELECT q.target::numeric - q.inc AS before,
                           q.target::numeric - q.inc BETWEEN q.min AND q.max AS called) AS s
CROSS JOIN LATERAL (SELECT CASE WHEN fast.called THEN fast.lv::numeric + q.inc ELSE fast.lv END AS next
                    FROM {FAST} AS fast) AS cur', '{FAST}', v_fast)
                         USING v_exact, v_apply_seq, v_apply_target, v_apply_inc, v_apply_min, v_apply_max, v_apply_was_called LOOP
                CONTINUE WHEN v_row.set_to IS NOT NULL;
                v_entry := v_plans[v_apply_at[v_row.i]];
                v_plans[v_apply_at[v_row.i]] := v_entry
                    || jsonb_build_object('action', 'unchanged', 'after', v_row.next_now::numeric,
                           'warnings', (v_entry->'warnings') || to_jsonb(
                               CASE WHEN v_row.next_now IS NULL THEN format(E'left alone: another session reset it with setval() while the resync ran; run again')
                                    ELSE format(E'left alone: other sessions advanced it to next value %s while the resync ran, at or past the target %s', v_row.next_now, v_entry->>'after')
                               END));
            END LOOP;
            EXIT;
        EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
            SELECT string_agg(b.blockers, '; '), coalesce(jsonb_object_agg(b.asked::text, b.blockers), '{}')
            INTO v_blockers, v_col
            FROM (WITH RECURSIVE rel(asked, rel, share) AS (
                              SELECT t, t, v_lock FROM pg_catalog.unnest('{}'::oid[]) AS t
                              UNION
                              SELECT rel.asked, i.inhrelid, rel.share FROM pg_catalog.pg_inherits AS i JOIN rel ON i.inhparent = rel.rel
                          ), wanted AS (
                              SELECT asked, rel, CASE WHEN share
                                  THEN '{RowExclusiveLock,ShareUpdateExclusiveLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'
                                  ELSE '{AccessExclusiveLock}' END::text[] AS conflicts
                              FROM rel
                              UNION ALL
                              -- the tables' indexes, which the measurement reads (REINDEX holds them ACCESS EXCLUSIVE)
                              SELECT rel.asked, i.indexrelid, '{AccessExclusiveLock}'::text[]
                              FROM rel JOIN pg_catalog.pg_index AS i ON i.indrelid = rel.rel
                              UNION ALL
                              SELECT s, s, '{ShareLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'::text[]
                              FROM pg_catalog.unnest(v_apply_seq) AS s
                          ), held AS (
                              SELECT w.asked, w.rel,
                                     pg_catalog.format('%s %s%s: %s',
                                         CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                                                        ELSE 'table' END, c.oid::regclass,
                                         CASE WHEN w.rel <> w.asked THEN pg_catalog.format(' (of %s)', w.asked::regclass) ELSE '' END,
                                         pg_catalog.string_agg(CASE WHEN l.pid IS NULL
                                             THEN pg_catalog.format('prepared transaction %s (%s, prepared %s s ago; only COMMIT PREPARED'
                                                                    || ' or ROLLBACK PREPARED ends it) holds %s',
                                                 coalesce(pg_catalog.quote_literal(px.gid), 'unknown'),
                                                 coalesce('user ' || px.owner, 'user unknown'),
                                                 coalesce(pg_catalog.round(extract(epoch FROM pg_catalog.now() - px.prepared))::text, '?'),
                                                 l.mode)
                                             ELSE pg_catalog.format('pid %s (%s%s, %s%s) %s %s',
                                             -- a background process has no user: an autovacuum worker's text says what it vacuums and
                                             -- whether it prevents wraparound (PostgreSQL then cancels it for no waiting session); only
                                             -- superusers and pg_read_all_stats see that text and the process's kind
                                             l.pid, CASE WHEN a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: %' THEN a.query
                                                         WHEN a.usename IS NOT NULL THEN 'user ' || a.usename
                                                         WHEN a.backend_type IS NOT NULL THEN a.backend_type
                                                         WHEN a.pid IS NOT NULL THEN 'a background process, such as autovacuum'
                                                         ELSE 'user unknown' END,
                                             CASE WHEN a.application_name <> '' THEN pg_catalog.format(', application %L', a.application_name)
                                                  ELSE '' END,
                                             coalesce(a.state, 'state unknown'),
                                             CASE WHEN a.xact_start IS NOT NULL THEN pg_catalog.format(', in a transaction for %s s',
                                                 pg_catalog.round(extract(epoch FROM pg_catalog.now() - a.xact_start))) ELSE '' END,
                                             CASE WHEN l.granted THEN 'holds' ELSE 'waits for' END, l.mode) END,
                                             '; ' ORDER BY l.granted DESC, l.pid, px.gid)) AS blockers
                              FROM wanted AS w
                              JOIN pg_catalog.pg_locks AS l ON l.locktype = 'relation' AND l.relation = w.rel
                                   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
                                   -- a prepared transaction's locks have no pid (IS DISTINCT FROM keeps them)
                                   AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND l.mode = ANY (w.conflicts)
                              JOIN pg_catalog.pg_class AS c ON c.oid = w.rel
                              LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
                              -- which prepared transaction: the one whose transaction id lock has the same virtual
                              -- transaction (pg_locks names prepared transactions by no other column)
                              LEFT JOIN LATERAL (
                                  SELECT p.gid, p.owner, p.prepared
                                  FROM pg_catalog.pg_locks AS x
                                  JOIN pg_catalog.pg_prepared_xacts AS p ON p.transaction = x.transactionid
                                  WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
                                    AND x.virtualtransaction = l.virtualtransaction
                              ) AS px ON true
                              GROUP BY w.asked, w.rel, c.oid, c.relkind
                          )
                          -- one row per relation asked for, whatever number of its partitions and indexes are held
                          SELECT h.asked, pg_catalog.string_agg(h.blockers, '; ' ORDER BY h.rel) AS blockers
                          FROM held AS h
                          GROUP BY h.asked
                          ORDER BY h.asked) AS b;
            IF v_fail OR v_blockers IS NULL THEN
                RAISE EXCEPTION '%', CASE WHEN SQLSTATE = E'40P01' THEN E'PostgreSQL cancelled the resync to break a deadlock with another session' ELSE format(E'a lock was not granted within the lock timeout (%s)', pg_catalog.current_setting('lock_timeout')) END || ': ' || coalesce(v_blockers || E'. Wait for those sessions to finish, end them (SELECT pg_terminate_backend(pid)), leave those tables out (exclude), or raise the lock timeout (lockTimeout)', E'the session that held it has released it since; run again') || CASE WHEN v_applying THEN '' ELSE E'. Nothing was changed' END USING ERRCODE = SQLSTATE;
            END IF;
            FOR v_i IN 1 .. cardinality(v_apply_seq) LOOP
                CONTINUE WHEN NOT v_col ? v_apply_seq[v_i]::text;
                v_entry := v_plans[v_apply_at[v_i]];
                v_text := format(E'left alone: its relations stayed locked past the lock timeout (%s): %s', pg_catalog.current_setting('lock_timeout'),
                                 v_col->>v_apply_seq[v_i]::text);
                v_plans[v_apply_at[v_i]] := v_entry
                    || jsonb_build_object('action', 'problem', 'after', v_entry->'before',
                                          'problems', (v_entry->'problems') || to_jsonb(v_text));
            END LOOP;
        END;
    END LOOP;

    v_waiting := false;

    -- 6. Report, line for line as the Java path logs it (ResyncReport.log): the sequences moved
    --    (NOTICE, the first 20; the others DEBUG, counted), the others and the
    --    links (DEBUG), every warning and problem (WARNING), a summary.
    v_prefix := format(E'sequence-resync%s: ', CASE WHEN v_dry_run THEN E' (dry run)' ELSE '' END);
    v_changed := 0;
    FOREACH v_entry IN ARRAY v_plans LOOP
        IF v_entry->>'action' IN ('advance', 'reset') THEN
            v_text := v_prefix || format(E'%s %s from next value %s to %s (%s)', v_entry->>'display',
                CASE WHEN v_dry_run THEN format(E'would %s', v_entry->>'action')
                     WHEN v_entry->>'action' = 'advance' THEN E'advanced' ELSE E'reset' END,
                coalesce(v_entry->>'before', '-'), v_entry->>'after', v_entry->>'columns');
            v_changed := v_changed + 1;
            IF v_changed <= 20 THEN
                RAISE NOTICE '%', v_text;
            ELSE
                RAISE DEBUG '%', v_text;
            END IF;
        ELSE
            RAISE DEBUG '%', v_prefix || format(E'%s %s, next value %s', v_entry->>'display', v_entry->>'action',
                coalesce(v_entry->>'after', '-'));
        END IF;
        -- tested first: a query per sequence costs more than the whole line when there is none
        IF v_entry->'links' <> '[]'::jsonb THEN
            FOR v_text IN SELECT jsonb_array_elements_text(v_entry->'links') LOOP
                RAISE DEBUG '%', v_prefix || format(E'linked: %s -> %s', v_entry->>'display', v_text);
            END LOOP;
        END IF;
    END LOOP;
    IF v_changed > 20 THEN
        RAISE NOTICE '%', v_prefix || format(E'... and %s more (each at debug level)', v_changed - 20);
    END IF;
    -- the run's notes, then each sequence's warnings (ResyncReport.warnings)
    FOREACH v_text IN ARRAY v_notes LOOP
        RAISE WARNING '%', v_prefix || v_text;
    END LOOP;
    FOR v_text IN SELECT format(E'%s: %s', e.v->>'display', w.text)
                  FROM unnest(v_plans) WITH ORDINALITY AS e(v, i),
                       jsonb_array_elements_text(e.v->'warnings') WITH ORDINALITY AS w(text, j)
                  ORDER BY e.i, w.j LOOP
        RAISE WARNING '%', v_prefix || v_text;
    END LOOP;
    -- every problem, by sequence name as the Java report lists them (the apply's included)
    FOREACH v_text IN ARRAY ARRAY(SELECT format(E'%s: %s', x.e->>'display', q.text)
          FROM unnest(v_plans) WITH ORDINALITY AS x(e, n),
               jsonb_array_elements_text(x.e->'problems') WITH ORDINALITY AS q(text, k)
          ORDER BY x.n, q.k) LOOP
        RAISE WARNING '%', v_prefix || format(E'problem: %s', v_text);
    END LOOP;
    -- as ReportFormat.summary words it; a script that applies nothing is a dry run
    SELECT format(E'%s: %s, %s unchanged, %s skipped, %s%s', (count(*)) || CASE WHEN (count(*)) = 1 THEN E' sequence' ELSE E' sequences' END,
               CASE WHEN v_dry_run
                    THEN format(E'%s to %s', count(*) FILTER (WHERE e->>'action' = 'advance'), 'advance')
                    ELSE format(E'%s %s', count(*) FILTER (WHERE e->>'action' = 'advance'),
                                E'advanced') END
               || CASE WHEN NOT v_exact THEN ''
                       WHEN v_dry_run
                       THEN ', ' || format(E'%s to %s', count(*) FILTER (WHERE e->>'action' = 'reset'), 'reset')
                       ELSE ', ' || format(E'%s %s', count(*) FILTER (WHERE e->>'action' = 'reset'),
                                           E'reset') END,
               count(*) FILTER (WHERE e->>'action' = 'unchanged'),
               count(*) FILTER (WHERE e->>'action' = 'skipped'),
               (count(*) FILTER (WHERE e->>'action' = 'problem')) || CASE WHEN (count(*) FILTER (WHERE e->>'action' = 'problem')) = 1 THEN E' problem' ELSE E' problems' END,
               CASE WHEN v_dry_run THEN E' (dry run: nothing changed)' ELSE '' END)
    INTO v_text
    FROM unnest(v_plans) AS e;
    RAISE NOTICE '%', v_prefix || v_text;
    PERFORM pg_catalog.set_config('search_path', v_caller_search_path, true);
    PERFORM pg_catalog.set_config('lock_timeout', v_caller_lock_timeout, true);
EXCEPTION WHEN query_canceled THEN
    -- statement_timeout (the caller's) or a cancel request ended the script, one statement: said
    -- as the Java path says it (Locks.canceled), naming who holds locks the run waits for. The
    -- block's rollback put the caller's search_path back: the preflight's again, first.
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    IF pg_catalog.current_setting('statement_timeout') = '0' THEN
        RAISE;
    END IF;
    v_blockers := NULL;
    IF v_waiting THEN
        SELECT string_agg(b.blockers, '; ') INTO v_blockers FROM (WITH RECURSIVE rel(asked, rel, share) AS (
                SELECT t, t, v_lock FROM pg_catalog.unnest(coalesce(v_measure_tbl || v_remote_tbl, v_remaining)) AS t
                UNION
                SELECT rel.asked, i.inhrelid, rel.share FROM pg_catalog.pg_inherits AS i JOIN rel ON i.inhparent = rel.rel
            ), wanted AS (
                SELECT asked, rel, CASE WHEN share
                    THEN '{RowExclusiveLock,ShareUpdateExclusiveLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'
                    ELSE '{AccessExclusiveLock}' END::text[] AS conflicts
                FROM rel
                UNION ALL
                -- the tables' indexes, which the measurement reads (REINDEX holds them ACCESS EXCLUSIVE)
                SELECT rel.asked, i.indexrelid, '{AccessExclusiveLock}'::text[]
                FROM rel JOIN pg_catalog.pg_index AS i ON i.indrelid = rel.rel
                UNION ALL
                SELECT s, s, '{ShareLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'::text[]
                FROM pg_catalog.unnest(coalesce(v_measure_seq, '{}')) AS s
            ), held AS (
                SELECT w.asked, w.rel,
                       pg_catalog.format('%s %s%s: %s',
                           CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                                          ELSE 'table' END, c.oid::regclass,
                           CASE WHEN w.rel <> w.asked THEN pg_catalog.format(' (of %s)', w.asked::regclass) ELSE '' END,
                           pg_catalog.string_agg(CASE WHEN l.pid IS NULL
                               THEN pg_catalog.format('prepared transaction %s (%s, prepared %s s ago; only COMMIT PREPARED'
                                                      || ' or ROLLBACK PREPARED ends it) holds %s',
                                   coalesce(pg_catalog.quote_literal(px.gid), 'unknown'),
                                   coalesce('user ' || px.owner, 'user unknown'),
                                   coalesce(pg_catalog.round(extract(epoch FROM pg_catalog.now() - px.prepared))::text, '?'),
                                   l.mode)
                               ELSE pg_catalog.format('pid %s (%s%s, %s%s) %s %s',
                               -- a background process has no user: an autovacuum worker's text says what it vacuums and
                               -- whether it prevents wraparound (PostgreSQL then cancels it for no waiting session); only
                               -- superusers and pg_read_all_stats see that text and the process's kind
                               l.pid, CASE WHEN a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: %' THEN a.query
                                           WHEN a.usename IS NOT NULL THEN 'user ' || a.usename
                                           WHEN a.backend_type IS NOT NULL THEN a.backend_type
                                           WHEN a.pid IS NOT NULL THEN 'a background process, such as autovacuum'
                                           ELSE 'user unknown' END,
                               CASE WHEN a.application_name <> '' THEN pg_catalog.format(', application %L', a.application_name)
                                    ELSE '' END,
                               coalesce(a.state, 'state unknown'),
                               CASE WHEN a.xact_start IS NOT NULL THEN pg_catalog.format(', in a transaction for %s s',
                                   pg_catalog.round(extract(epoch FROM pg_catalog.now() - a.xact_start))) ELSE '' END,
                               CASE WHEN l.granted THEN 'holds' ELSE 'waits for' END, l.mode) END,
                               '; ' ORDER BY l.granted DESC, l.pid, px.gid)) AS blockers
                FROM wanted AS w
                JOIN pg_catalog.pg_locks AS l ON l.locktype = 'relation' AND l.relation = w.rel
                     AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
                     -- a prepared transaction's locks have no pid (IS DISTINCT FROM keeps them)
                     AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND l.mode = ANY (w.conflicts)
                JOIN pg_catalog.pg_class AS c ON c.oid = w.rel
                LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
                -- which prepared transaction: the one whose transaction id lock has the same virtual
                -- transaction (pg_locks names prepared transactions by no other column)
                LEFT JOIN LATERAL (
                    SELECT p.gid, p.owner, p.prepared
                    FROM pg_catalog.pg_locks AS x
                    JOIN pg_catalog.pg_prepared_xacts AS p ON p.transaction = x.transactionid
                    WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
                      AND x.virtualtransaction = l.virtualtransaction
                ) AS px ON true
                GROUP BY w.asked, w.rel, c.oid, c.relkind
            )
            -- one row per relation asked for, whatever number of its partitions and indexes are held
            SELECT h.asked, pg_catalog.string_agg(h.blockers, '; ' ORDER BY h.rel) AS blockers
            FROM held AS h
            GROUP BY h.asked
            ORDER BY h.asked) AS b;
    END IF;
    RAISE EXCEPTION '%', format(E'the server canceled the statement after statement_timeout (%s) or on a cancel request', pg_catalog.current_setting('statement_timeout')) || coalesce(E'; these sessions hold locks it waits for: ' || v_blockers || E'. Wait for those sessions to finish, end them (SELECT pg_terminate_backend(pid)), leave those tables out (exclude), or raise statement_timeout for the resync''s connection or role', E': a resync measures every table in scope in one statement, and sets every sequence in one more. Raise statement_timeout for the resync''s connection or role, or split the run with the options schemas and exclude') || CASE WHEN v_applying THEN '' ELSE E'. Nothing was changed' END USING ERRCODE = SQLSTATE;
END
$resync$;
