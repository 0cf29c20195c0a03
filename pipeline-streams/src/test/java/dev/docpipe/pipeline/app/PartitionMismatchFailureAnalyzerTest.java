package dev.docpipe.pipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.pipeline.PartitionLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.io.support.SpringFactoriesLoader;

class PartitionMismatchFailureAnalyzerTest {
    @Test
    void aPartitionMismatchWhileStartingIsReportedWithThePointerToTheRunbook() {
        // Spring Boot's own analyzers need a bean factory to be made; only ours matters here
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation().load(
                FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }));
        FailureAnalyzer analyzer = analyzers.stream().filter(PartitionMismatchFailureAnalyzer.class::isInstance)
                .findFirst().orElseThrow(() -> new AssertionError("not registered in META-INF/spring.factories"));
        var mismatch = new PartitionLayout.MismatchException("refusing to start: the partition counts of …");

        var analysis = analyzer.analyze(new ApplicationContextException("Failed to start bean", mismatch));

        assertThat(analysis.getDescription()).isEqualTo(mismatch.getMessage());
        assertThat(analysis.getAction()).contains("docs/operations.md").contains("Repartitioning");
    }
}
