package dev.docpipe.cli.dlq;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dlq",
        header = "Inspect dead-lettered records and re-inject them after a fix.",
        description = {
            "Dead-lettered records on docpipe.dlq: records the pipeline could not read or process, kept unchanged "
            + "with the reason (dlq.reason, dlq.detail) and where they came from "
            + "(dlq.source.topic/partition/offset)."},
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list, show or replay");
    }
}
