package io.github.sequenceresync;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a resync as one self-contained PL/pgSQL {@code DO} block (after a short one that refuses
 * a server too old with one line, before the big block's syntax is checked), for a DBA to review and
 * run later with psql (Liquibase update-sql, the command line's {@code sql}). It runs the Java path's
 * own statements with its variables in place of their parameters: the catalog query (which decides
 * the scope), the measurement, the planner's statement (which decides each sequence's action, next
 * value, problems and warnings) and the apply (with its forward guard). The block itself only
 * passes values between them, catches a lock not granted in time as the Java path does, and
 * reports line for line as {@link ResyncReport#log} does. A differential test runs both paths over
 * the edge-case catalog and compares the reports and the sequences afterwards. Options become
 * literals: escaped string literals ({@code E'...'}, whatever {@code standard_conforming_strings}
 * says) inside a dollar quote whose tag does not occur in them.
 */
final class Script {

    /** Every problem of the plan, "sequence: problem", in the sequences' order (by name), as the Java report lists them. */
    private static final String ALL_PROBLEMS = """
            ARRAY(SELECT format({Message.OF_SEQUENCE}, x.e->>'display', q.text)
                  FROM unnest(v_plans) WITH ORDINALITY AS x(e, n),
                       jsonb_array_elements_text(x.e->'problems') WITH ORDINALITY AS q(text, k)
                  ORDER BY x.n, q.k)""";

    /**
     * The block. {DISCOVER}, {MEASURE_..}, {PLAN} and {APPLY_..} are the Java path's statements; the
     * v_ variables stand for their parameters (the measurement and the apply read sequences with a
     * function that depends on the server's version, put in at run time, so they run with EXECUTE).
     * A sequence's values are a jsonb object (PL/pgSQL has no arrays of records), kept in jsonb[]
     * arrays, which PL/pgSQL appends to in place.
     */
    private static final String TEMPLATE = """
            DO {TAG}
            BEGIN
                -- A block of its own: PL/pgSQL checks the syntax of a whole block before running any of it,
                -- and the next one's is PostgreSQL {ServerVersion.MINIMUM_MAJOR}'s (WITH .. AS MATERIALIZED)
                IF pg_catalog.current_setting('server_version_num')::int < {ServerVersion.MINIMUM} THEN
                    RAISE EXCEPTION '%', pg_catalog.format({Message.OLD_SERVER}, pg_catalog.current_setting('server_version'));
                END IF;
            END
            {TAG};
            DO {TAG}
            DECLARE
                v_schemas text[] := {SCHEMAS};
                v_exclude text[] := {EXCLUDE};
                v_exact boolean := {EXACT};
                v_dry_run boolean := {DRY_RUN};
                v_warn_at numeric := {WARN_AT};
                v_fail boolean := {FAIL};
                v_lock boolean := {LOCK};
                v_map_seq_names text[] := {MAP_SEQUENCES};
                v_map_tbl_names text[] := {MAP_TABLES};
                v_map_col_names text[] := {MAP_COLUMNS};
                v_map_link text[] := {MAP_LINKS};
                v_map_which text[] := {MAP_WHICH};
                v_map_step int8[] := {MAP_STEPS};
                v_mapped_only boolean := {MAPPED_ONLY};
                v_rule_pattern text[] := {RULE_PATTERNS};
                v_rule_table text[] := {RULE_TABLES};
                v_rule_column text[] := {RULE_COLUMNS};
                v_rule_name text[] := {RULE_NAMES};
                v_search_path text[] := pg_catalog.current_schemas(true)::text[];
                v_map_seq oid[] := '{}';
                v_map_tbl oid[] := '{}';
                v_map_att int2[] := '{}';
                v_map_optional boolean[] := {MAP_OPTIONAL};
                v_mapping_error text;
                v_notes text[];
                v_sequence_data_function boolean;
                v_missing text;
                v_lock_timeout_ms int8 := {LOCK_TIMEOUT};
                -- the options as named in what the run says, spelled as where the script came from
                v_schemas_option text := {SCHEMAS_OPTION};
                v_mappings_option text := {MAPPINGS_OPTION};
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
                FROM ({PREFLIGHT}) AS p;
                IF v_mapping_error IS NOT NULL THEN
                    RAISE EXCEPTION '%', v_mapping_error;
                END IF;
                IF v_missing IS NOT NULL THEN
                    RAISE EXCEPTION '%', v_missing;
                END IF;
                v_fast := CASE WHEN v_sequence_data_function THEN {FAST_SINCE_18} ELSE {FAST_BEFORE_18} END;
                v_measure := pg_catalog.replace({MEASURE}, '{FAST}', v_fast);

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
                      FROM ({DISCOVER}) AS d
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
                    {REFUSED_SHARE}
                    LOOP
                        v_remaining := ARRAY(SELECT DISTINCT t FROM unnest(v_tables) AS t
                                             WHERE NOT v_blocked ? t::text ORDER BY t);
                        EXIT WHEN cardinality(v_remaining) = 0;
                        v_text := {LOCKABLE_SHARE};
                        EXIT WHEN v_text IS NULL;
                        BEGIN
                            EXECUTE 'LOCK TABLE ' || v_text || ' IN SHARE MODE';
                            EXIT;
                        EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
                            SELECT string_agg(b.blockers, '; '), coalesce(jsonb_object_agg(b.asked::text, b.blockers), '{}')
                            INTO v_blockers, v_col
                            FROM ({BLOCKERS_OF_TABLES}) AS b;
                            IF v_fail OR v_blockers IS NULL THEN
                                RAISE EXCEPTION '%', {LOCK_MESSAGE} USING ERRCODE = SQLSTATE;
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
                            v_text := {LOCKABLE_ACCESS_SHARE};
                            IF v_text IS NOT NULL THEN
                                EXECUTE 'LOCK TABLE ' || v_text || ' IN ACCESS SHARE MODE';
                            END IF;
                            {BY_COLUMN_PRIVILEGES}
                        END IF;
                        v_state_key := '{}'; v_state := '{}'; v_extreme_key := '{}'; v_extreme := '{}';
                        FOR v_row IN EXECUTE v_measure USING {MEASURE_ARGUMENTS} LOOP
                            IF v_row.kind = 's' THEN
                                v_state_key := array_append(v_state_key, v_measure_seq[v_row.i]::text);
                                v_state := array_append(v_state, jsonb_build_array(v_row.value, v_row.called));
                            ELSE
                                v_extreme_key := array_append(v_extreme_key, {MEASURED_KEY});
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
                            v_text := {REMOTE_KEY};
                            BEGIN
                                FOR v_row IN EXECUTE v_measure USING {MEASURE_ONE_ARGUMENTS} LOOP
                                    v_extreme_key := array_append(v_extreme_key, v_text);
                                    v_extreme := array_append(v_extreme, v_row.value);
                                END LOOP;
                            EXCEPTION WHEN OTHERS THEN
                                IF SQLSTATE IN ({PASSED_ON}) THEN
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
                        FROM ({BLOCKERS_OF_MEASURED}) AS b;
                        IF v_fail OR v_blockers IS NULL THEN
                            RAISE EXCEPTION '%', {LOCK_MESSAGE} USING ERRCODE = SQLSTATE;
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
                                       THEN ARRAY[format({Message.BLOCKED}, pg_catalog.current_setting('lock_timeout'),
                                                         b.text)] ELSE '{}' END
                               || CASE WHEN v_remote_failed = '{}' THEN '{}'::text[] ELSE ARRAY(
                                      SELECT format({Message.REMOTE_UNREADABLE}, c.v->>'display', c.v->>'remote',
                                                    v_remote_failed->>r.key)
                                      FROM jsonb_array_elements(x.e->'measured') WITH ORDINALITY AS c(v, m)
                                      CROSS JOIN LATERAL (SELECT {INPUT_KEY} AS key) AS r
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
                       coalesce(array_agg(v_extremes->>({INPUT_KEY}) ORDER BY x.n, c.m), '{}'),
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
                FROM ({PLAN}) AS p
                JOIN unnest(v_inputs) WITH ORDINALITY AS x(e, n) ON x.n = p.i;
                v_all_problems := {ALL_PROBLEMS};

                IF v_fail AND cardinality(v_all_problems) > 0 THEN
                    RAISE EXCEPTION '%', format({Message.PROBLEMS_FOUND}, {COUNT_ALL_PROBLEMS},
                        array_to_string(v_all_problems, E'\\n  '), {FAIL_ON_PROBLEM_OFF});
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
                        FOR v_row IN EXECUTE pg_catalog.replace({APPLY}, '{FAST}', v_fast)
                                     USING {APPLY_ARGUMENTS} LOOP
                            CONTINUE WHEN v_row.set_to IS NOT NULL;
                            v_entry := v_plans[v_apply_at[v_row.i]];
                            v_plans[v_apply_at[v_row.i]] := v_entry
                                || jsonb_build_object('action', 'unchanged', 'after', v_row.next_now::numeric,
                                       'warnings', (v_entry->'warnings') || to_jsonb(
                                           CASE WHEN v_row.next_now IS NULL THEN format({Message.SET_MEANWHILE})
                                                ELSE format({Message.ADVANCED_MEANWHILE}, v_row.next_now, v_entry->>'after')
                                           END));
                        END LOOP;
                        EXIT;
                    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
                        SELECT string_agg(b.blockers, '; '), coalesce(jsonb_object_agg(b.asked::text, b.blockers), '{}')
                        INTO v_blockers, v_col
                        FROM ({BLOCKERS_OF_APPLIED}) AS b;
                        IF v_fail OR v_blockers IS NULL THEN
                            RAISE EXCEPTION '%', {LOCK_MESSAGE} USING ERRCODE = SQLSTATE;
                        END IF;
                        FOR v_i IN 1 .. cardinality(v_apply_seq) LOOP
                            CONTINUE WHEN NOT v_col ? v_apply_seq[v_i]::text;
                            v_entry := v_plans[v_apply_at[v_i]];
                            v_text := format({Message.BLOCKED}, pg_catalog.current_setting('lock_timeout'),
                                             v_col->>v_apply_seq[v_i]::text);
                            v_plans[v_apply_at[v_i]] := v_entry
                                || jsonb_build_object('action', 'problem', 'after', v_entry->'before',
                                                      'problems', (v_entry->'problems') || to_jsonb(v_text));
                        END LOOP;
                    END;
                END LOOP;

                v_waiting := false;

                -- 6. Report, line for line as the Java path logs it (ResyncReport.log): the sequences moved
                --    (NOTICE, the first {CHANGES_LOGGED_AT_INFO}; the others DEBUG, counted), the others and the
                --    links (DEBUG), every warning and problem (WARNING), a summary.
                v_prefix := format({Message.LOG_PREFIX}, CASE WHEN v_dry_run THEN {Message.DRY_RUN_MARK} ELSE '' END);
                v_changed := 0;
                FOREACH v_entry IN ARRAY v_plans LOOP
                    IF v_entry->>'action' IN ('advance', 'reset') THEN
                        v_text := v_prefix || format({Message.CHANGED}, v_entry->>'display',
                            CASE WHEN v_dry_run THEN format({Message.WOULD}, v_entry->>'action')
                                 WHEN v_entry->>'action' = 'advance' THEN {Message.ADVANCED} ELSE {Message.RESET_DONE} END,
                            coalesce(v_entry->>'before', '-'), v_entry->>'after', v_entry->>'columns');
                        v_changed := v_changed + 1;
                        IF v_changed <= {CHANGES_LOGGED_AT_INFO} THEN
                            RAISE NOTICE '%', v_text;
                        ELSE
                            RAISE DEBUG '%', v_text;
                        END IF;
                    ELSE
                        RAISE DEBUG '%', v_prefix || format({Message.LEFT}, v_entry->>'display', v_entry->>'action',
                            coalesce(v_entry->>'after', '-'));
                    END IF;
                    -- tested first: a query per sequence costs more than the whole line when there is none
                    IF v_entry->'links' <> '[]'::jsonb THEN
                        FOR v_text IN SELECT jsonb_array_elements_text(v_entry->'links') LOOP
                            RAISE DEBUG '%', v_prefix || format({Message.LINKED}, v_entry->>'display', v_text);
                        END LOOP;
                    END IF;
                END LOOP;
                IF v_changed > {CHANGES_LOGGED_AT_INFO} THEN
                    RAISE NOTICE '%', v_prefix || format({Message.MORE_CHANGED}, v_changed - {CHANGES_LOGGED_AT_INFO});
                END IF;
                -- the run's notes, then each sequence's warnings (ResyncReport.warnings)
                FOREACH v_text IN ARRAY v_notes LOOP
                    RAISE WARNING '%', v_prefix || v_text;
                END LOOP;
                FOR v_text IN SELECT format({Message.OF_SEQUENCE}, e.v->>'display', w.text)
                              FROM unnest(v_plans) WITH ORDINALITY AS e(v, i),
                                   jsonb_array_elements_text(e.v->'warnings') WITH ORDINALITY AS w(text, j)
                              ORDER BY e.i, w.j LOOP
                    RAISE WARNING '%', v_prefix || v_text;
                END LOOP;
                -- every problem, by sequence name as the Java report lists them (the apply's included)
                FOREACH v_text IN ARRAY {ALL_PROBLEMS} LOOP
                    RAISE WARNING '%', v_prefix || format({Message.PROBLEM_LINE}, v_text);
                END LOOP;
                -- as ReportFormat.summary words it; a script that applies nothing is a dry run
                SELECT format({Message.SUMMARY}, {COUNT_SEQUENCES},
                           CASE WHEN v_dry_run
                                THEN format({Message.TO}, count(*) FILTER (WHERE e->>'action' = 'advance'), 'advance')
                                ELSE format({Message.COUNTED}, count(*) FILTER (WHERE e->>'action' = 'advance'),
                                            {Message.ADVANCED}) END
                           || CASE WHEN NOT v_exact THEN ''
                                   WHEN v_dry_run
                                   THEN ', ' || format({Message.TO}, count(*) FILTER (WHERE e->>'action' = 'reset'), 'reset')
                                   ELSE ', ' || format({Message.COUNTED}, count(*) FILTER (WHERE e->>'action' = 'reset'),
                                                       {Message.RESET_DONE}) END,
                           count(*) FILTER (WHERE e->>'action' = 'unchanged'),
                           count(*) FILTER (WHERE e->>'action' = 'skipped'),
                           {COUNT_PROBLEMS},
                           CASE WHEN v_dry_run THEN {Message.DRY_RUN_NOTHING_CHANGED} ELSE '' END)
                INTO v_text
                FROM unnest(v_plans) AS e;
                RAISE NOTICE '%', v_prefix || v_text;
                PERFORM pg_catalog.set_config('search_path', v_caller_search_path, true);
                PERFORM pg_catalog.set_config('lock_timeout', v_caller_lock_timeout, true);
            EXCEPTION WHEN query_canceled THEN
                -- statement_timeout (the caller's) or a cancel request ended the script, one statement: said
                -- as the Java path says it (Locks.canceled), naming who holds locks the run waits for. The
                -- block's rollback put the caller's search_path back: the preflight's again, first.
                PERFORM pg_catalog.set_config('search_path', '{SAFE_SEARCH_PATH}', true);
                IF pg_catalog.current_setting('statement_timeout') = '0' THEN
                    RAISE;
                END IF;
                v_blockers := NULL;
                IF v_waiting THEN
                    SELECT string_agg(b.blockers, '; ') INTO v_blockers FROM ({BLOCKERS_WHEN_CANCELED}) AS b;
                END IF;
                RAISE EXCEPTION '%', {CANCELED_MESSAGE} USING ERRCODE = SQLSTATE;
            END
            {TAG};
            """;

    private Script() {
    }

    static String render(ResyncOptions options) {
        List<ColumnMapping> mappings = options.columnMappings();
        for (ColumnMapping m : mappings) {
            if (m.problem() != null) {
                throw new IllegalArgumentException("option columnMappings: " + m.linkedBy() + " " + m
                        + " cannot go into a script: " + m.problem());
            }
        }
        // each parameter of the catalog query is the variable of its name
        String discover = Catalog.DISCOVER.substitute(name -> "v_" + name).strip();
        List<LinkRule> rules = options.linkRules();
        // setval is not undone when the statement fails: once the apply began, some may be set
        String nothingChanged = " || CASE WHEN v_applying THEN '' ELSE " + literal(Locks.NOTHING_CHANGED) + " END";
        String lockMessage = "CASE WHEN SQLSTATE = " + literal(Locks.DEADLOCK_DETECTED) + " THEN " + literal(Locks.DEADLOCK)
                + " ELSE format(" + literal(Locks.TIMED_OUT) + ", pg_catalog.current_setting('lock_timeout')) END"
                + " || ': ' || coalesce(v_blockers || " + literal(Locks.advice(options.spelling())) + ", " + literal(Locks.RELEASED) + ")"
                + nothingChanged;
        String canceledMessage = "format(" + literal(Locks.CANCELED) + ", pg_catalog.current_setting('statement_timeout'))"
                + " || coalesce(" + literal(Locks.HELD) + " || v_blockers || " + literal(Locks.heldAdvice(options.spelling()))
                + ", " + literal(Locks.tooLong(options.spelling())) + ")" + nothingChanged;
        String body = ServerVersion.inSql(Message.inSql(TEMPLATE))
                .replace("{BLOCKERS_OF_TABLES}", blockers("true", "v_remaining", "'{}'::oid[]", 26))
                .replace("{BLOCKERS_OF_APPLIED}", blockers("v_lock", "'{}'::oid[]", "v_apply_seq", 26))
                .replace("{BLOCKERS_OF_MEASURED}", blockers("v_lock", "v_measure_tbl || v_remote_tbl", "v_measure_seq", 26))
                .replace("{BLOCKERS_WHEN_CANCELED}", blockers("v_lock", "coalesce(v_measure_tbl || v_remote_tbl, v_remaining)",
                        "coalesce(v_measure_seq, '{}')", 12))
                .replace("{LOCK_MESSAGE}", lockMessage)
                .replace("{CANCELED_MESSAGE}", canceledMessage)
                .replace("{ALL_PROBLEMS}", Message.inSql(ALL_PROBLEMS).replace("\n", "\n    "))
                .replace("{COUNT_ALL_PROBLEMS}", Message.countInSql("cardinality(v_all_problems)", "problem"))
                .replace("{COUNT_SEQUENCES}", Message.countInSql("count(*)", "sequence"))
                .replace("{COUNT_PROBLEMS}", Message.countInSql("count(*) FILTER (WHERE e->>'action' = 'problem')", "problem"))
                .replace("{CHANGES_LOGGED_AT_INFO}", Integer.toString(ResyncReport.CHANGES_LOGGED_AT_INFO))
                .replace("{DISCOVER}", indent(discover, 26))
                .replace("{PLAN}", indent(Planner.PLAN.substitute(name -> "v_" + name).strip(), 26))
                .replace("{PREFLIGHT}", indent(Catalog.PREFLIGHT.substitute(name -> "v_" + name).strip(), 26))
                .replace("{MEASURE}", literal(positional(Measurer.MEASURE)))
                .replace("{FAST_SINCE_18}", literal(Measurer.fastState(true)))
                .replace("{FAST_BEFORE_18}", literal(Measurer.fastState(false)))
                .replace("{MEASURE_ARGUMENTS}", arguments(Measurer.MEASURE, "v_"))
                .replace("{MEASURE_ONE_ARGUMENTS}", arguments(Measurer.MEASURE, "v_one_"))
                .replace("{MEASURED_KEY}", columnKey("v_measure_tbl[v_row.i]", "v_measure_col[v_row.i]",
                        "v_measure_desc[v_row.i]"))
                .replace("{REMOTE_KEY}", columnKey("v_remote_tbl[v_i]", "v_remote_col[v_i]", "v_remote_desc[v_i]"))
                .replace("{INPUT_KEY}", columnKey("(c.v->>'tbl')", "(c.v->>'col')", "((x.e->>'inc')::int8 < 0)"))
                .replace("{PASSED_ON}", Measurer.PASSED_ON.stream().map(Script::literal).collect(Collectors.joining(", ")))
                .replace("{LOCKABLE_SHARE}", indent(Applier.TableLock.SHARE.lockable("v_remaining"), 24))
                .replace("{REFUSED_SHARE}", indent(Applier.TableLock.SHARE.refused("v_tables", "v_text"), 8))
                .replace("{LOCKABLE_ACCESS_SHARE}", indent(Applier.TableLock.ACCESS_SHARE.lockable("v_remaining"), 28))
                .replace("{BY_COLUMN_PRIVILEGES}",
                        indent(Applier.TableLock.ACCESS_SHARE.byColumnPrivileges("v_remaining", "v_text"), 16))
                .replace("{APPLY}", literal(positional(Applier.APPLY)))
                .replace("{APPLY_ARGUMENTS}", arguments(Applier.APPLY, "v_"))
                .replace("{SCHEMAS}", textArray(options.schemas(), Function.identity()))
                .replace("{EXCLUDE}", textArray(options.exclude(), NamePattern::regex))
                .replace("{EXACT}", String.valueOf(options.mode() == Mode.EXACT))
                .replace("{DRY_RUN}", String.valueOf(options.dryRun()))
                .replace("{WARN_AT}", java.math.BigDecimal.valueOf(options.warnAt()).toPlainString())
                .replace("{FAIL}", String.valueOf(options.failOnProblem()))
                .replace("{LOCK}", String.valueOf(options.lockTables()))
                .replace("{SAFE_SEARCH_PATH}", RunSettings.SAFE_SEARCH_PATH)
                .replace("{LOCK_TIMEOUT}", String.valueOf(RunSettings.lockTimeoutMillis(options)))
                .replace("{SCHEMAS_OPTION}", literal(options.spelling().of(ResyncOption.SCHEMAS)))
                .replace("{MAPPINGS_OPTION}", literal(options.spelling().of(ResyncOption.COLUMN_MAPPINGS)))
                .replace("{FAIL_ON_PROBLEM_OFF}", literal(options.spelling().setting(ResyncOption.FAIL_ON_PROBLEM, "false")))
                .replace("{MAP_SEQUENCES}", textArray(mappings, ColumnMapping::sequence))
                .replace("{MAP_TABLES}", textArray(mappings, ColumnMapping::table))
                .replace("{MAP_COLUMNS}", textArray(mappings, ColumnMapping::column))
                .replace("{MAPPED_ONLY}", String.valueOf(options.mappedSequencesOnly()))
                .replace("{MAP_LINKS}", textArray(mappings, ColumnMapping::linkedBy))
                .replace("{MAP_WHICH}", textArray(mappings, Catalog::which))
                .replace("{MAP_OPTIONAL}", mappings.stream().map(m -> String.valueOf(m.optional()))
                        .collect(Collectors.joining(", ", "ARRAY[", "]::boolean[]")))
                .replace("{MAP_STEPS}", mappings.stream().map(m -> String.valueOf(m.step()))
                        .collect(Collectors.joining(", ", "ARRAY[", "]::int8[]")))
                .replace("{RULE_PATTERNS}", textArray(rules, LinkRule::sequencePattern))
                .replace("{RULE_TABLES}", textArray(rules, LinkRule::tableReplacement))
                .replace("{RULE_COLUMNS}", textArray(rules, LinkRule::columnReplacement))
                .replace("{RULE_NAMES}", textArray(rules, LinkRule::toString));
        String tag = "$resync$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$resync" + i + "$";
        }
        return header(options) + body.replace("{TAG}", tag);
    }

    /**
     * How the block keys a measured column's extreme and a failed read (what {@link Measurer.ColumnKey}
     * is in Java): these SQL expressions for its table's oid, its name and whether it is measured for a
     * descending sequence, joined as text.
     */
    private static String columnKey(String table, String column, String descending) {
        return table + " || '/' || " + column + " || '/' || " + descending;
    }

    /** The statement with its parameters written $1, $2, ... in the order of their first appearance (EXECUTE ... USING). */
    private static String positional(NamedSql sql) {
        List<String> names = parameterNames(sql);
        return sql.substitute(name -> "$" + (names.indexOf(name) + 1)).strip();
    }

    /**
     * The variables that stand for the statement's parameters, in the order {@link #positional} numbers
     * them: each parameter's name after {@code prefix}.
     */
    private static String arguments(NamedSql sql, String prefix) {
        return String.join(", ", parameterNames(sql).stream().map(name -> prefix + name).toList());
    }

    private static List<String> parameterNames(NamedSql sql) {
        List<String> names = new java.util.ArrayList<>();
        sql.substitute(name -> {
            if (!names.contains(name)) {
                names.add(name);
            }
            return name;
        });
        return names;
    }

    private static String header(ResyncOptions options) {
        return "-- sequence-resync: brings sequences in step with their tables (" + options.mode().name()
                .toLowerCase(Locale.ROOT) + " mode" + (options.dryRun() ? ", dry run" : "")
                + "). Review, then run with psql.\n";
    }

    /** {@link Locks#BLOCKERS} over these PL/pgSQL expressions (see its {SHARE}, {TABLES}, {SEQUENCES}), indented. */
    private static String blockers(String share, String tables, String sequences, int spaces) {
        return indent(Locks.BLOCKERS.strip().replace("{SHARE}", share).replace("{TABLES}", tables)
                .replace("{SEQUENCES}", sequences), spaces);
    }

    /** {@code sql} with its lines after the first indented as deep as the block's lines where it goes. */
    private static String indent(String sql, int spaces) {
        return sql.replace("\n", "\n" + " ".repeat(spaces));
    }

    private static <T> String textArray(List<T> values, Function<T, String> text) {
        return values.stream().map(v -> literal(text.apply(v)))
                .collect(Collectors.joining(", ", "ARRAY[", "]::text[]"));
    }

    /** An escape string literal: correct whatever standard_conforming_strings says. */
    static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
