package dev.docpipe.pipeline.app;

import dev.docpipe.pipeline.PartitionLayout;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A pipeline that refuses to start because of its partition counts is an operator's task, not a bug:
 * Spring Boot reports it as a failure analysis (what and what to do) instead of a stack trace.
 */
class PartitionMismatchFailureAnalyzer extends AbstractFailureAnalyzer<PartitionLayout.MismatchException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PartitionLayout.MismatchException cause) {
        return new FailureAnalysis(cause.getMessage(), "Repartition as " + PartitionLayout.RUNBOOK + " says.", cause);
    }
}
