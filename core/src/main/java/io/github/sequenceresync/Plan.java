package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the run will do, between planning and applying: each sequence in scope with its planned
 * report, and the setval each one that moves needs. Made by {@link Planner}, applied by
 * {@link Applier}, reported as {@link #report()} (a dry run) or {@link #applied}.
 *
 * @param sequences the sequences in scope, each with its plan, in the report's order
 * @param notes     notes about the run as a whole (a cutover's sequences this database lacks)
 */
record Plan(Mode mode, boolean dryRun, List<Step> sequences, List<String> notes) {

    /**
     * One sequence's plan.
     *
     * @param change the setval that moves it, or null when it stays
     */
    record Step(ScopedSequence scoped, SequenceReport report, Applier.Change change) {
    }

    Plan {
        sequences = List.copyOf(sequences);
        notes = List.copyOf(notes);
    }

    /**
     * The plan as a report, nothing applied: what would change (a dry run), or what was found when
     * nothing may change.
     */
    ResyncReport report() {
        return new ResyncReport(mode, dryRun, false, sequences.stream().map(Step::report).toList(), notes);
    }

    /** The setvals, one per sequence that moves. */
    List<Applier.Change> changes() {
        return sequences.stream().map(Step::change).filter(c -> c != null).toList();
    }

    /** The sequences in scope, planned. */
    List<ScopedSequence> scoped() {
        return sequences.stream().map(Step::scoped).toList();
    }

    /**
     * The plan as applied, by sequence oid: what each setval did; a sequence to change without an
     * outcome was not reached (the run failed before its chunk was done).
     */
    ResyncReport applied(Map<Long, Applier.Outcome> outcomes) {
        List<SequenceReport> result = new ArrayList<>();
        for (Step step : sequences) {
            SequenceReport r = step.report();
            Applier.Outcome outcome = outcomes.get(step.scoped().sequence().oid());
            if (step.change() != null && outcome == null) {
                // the run failed before this sequence's chunk was done; its statement may have set it
                r = r.leftAlone(null, Message.NOT_SET.format());
            } else if (outcome != null && !outcome.applied()) {
                // another session moved it since it was measured: to or past the target, or with setval
                r = r.leftAlone(parseOrNull(outcome.nextNow()), outcome.nextNow() == null ? Message.SET_MEANWHILE.format()
                        : Message.ADVANCED_MEANWHILE.format(outcome.nextNow(), r.nextValueAfter()));
            }
            result.add(r);
        }
        return new ResyncReport(mode, false, true, result, notes);
    }

    private static Long parseOrNull(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
