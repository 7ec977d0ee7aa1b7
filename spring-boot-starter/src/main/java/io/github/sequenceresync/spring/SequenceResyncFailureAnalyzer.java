package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when a resync stops the application from starting. */
public final class SequenceResyncFailureAnalyzer extends AbstractFailureAnalyzer<ResyncException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ResyncException cause) {
        // the description already says what to do about a lock (who holds it, which properties help)
        // and about problems (which property resyncs the others); the action adds what only Spring knows
        String action = cause.lockNotGranted()
                ? "Start again once the sessions named above are done, or act on the advice the description gives."
                : cause.report() != null && !cause.report().withProblems().isEmpty()
                ? "Fix the problems named above. A missing privilege: grant it, or let Flyway or Liquibase migrate as"
                  + " a role of their own that may set the sequences (spring.flyway.user or spring.liquibase.user),"
                  + " as whom the starter then resyncs."
                : "Fix what the message names, then start again; sequence-resync.enabled=false turns the resync off.";
        return new FailureAnalysis("sequence-resync could not bring the sequences in step with their tables: "
                + cause.getMessage(), action, cause);
    }
}
