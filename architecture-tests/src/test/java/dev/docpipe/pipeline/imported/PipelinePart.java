package dev.docpipe.pipeline.imported;

/** Stands for any pipeline-streams class in {@code RulesCatchViolationsTest}. */
public final class PipelinePart {

    public static String name() {
        return "pipeline";
    }
}
