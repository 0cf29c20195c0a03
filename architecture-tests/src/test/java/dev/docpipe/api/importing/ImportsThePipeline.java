package dev.docpipe.api.importing;

import dev.docpipe.pipeline.imported.PipelinePart;

/** A deliberate violation for {@code RulesCatchViolationsTest}: never imported by the real rules. */
public final class ImportsThePipeline {

    public String part() {
        return PipelinePart.name();
    }
}
