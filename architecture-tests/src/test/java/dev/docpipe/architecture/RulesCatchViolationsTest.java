package dev.docpipe.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.docpipe.api.importing.ImportsThePipeline;
import dev.docpipe.model.document.impure.DrawsRandomIds;
import dev.docpipe.model.document.impure.ReadsTheClock;
import dev.docpipe.model.document.impure.SendsToKafka;
import dev.docpipe.pipeline.imported.PipelinePart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules are not vacuous: each one fails on a class written to break it. */
class RulesCatchViolationsTest {

    @Test
    void readingTheClockInTheStateMachineIsReported() {
        assertThat(violations(PureStateMachineTest.no_clock, ReadsTheClock.class))
                .anyMatch(line -> line.contains("Instant.now()"))
                .anyMatch(line -> line.contains("System.currentTimeMillis()"));
    }

    @Test
    void randomIdsInTheStateMachineAreReported() {
        assertThat(violations(PureStateMachineTest.no_randomness, DrawsRandomIds.class))
                .anyMatch(line -> line.contains("UUID.randomUUID()"))
                .anyMatch(line -> line.contains("ThreadLocalRandom.current()"));
    }

    @Test
    void kafkaInTheStateMachineIsReported() {
        assertThat(violations(PureStateMachineTest.no_kafka_spring_or_jdbc, SendsToKafka.class))
                .anyMatch(line -> line.contains("org.apache.kafka.clients.producer.ProducerRecord"));
    }

    @Test
    void aServiceImportingAnotherIsReported() {
        assertThat(violations(ModuleBoundariesTest.api_service_imports_no_other_service,
                ImportsThePipeline.class, PipelinePart.class))
                .anyMatch(line -> line.contains(PipelinePart.class.getName()));
    }

    private static List<String> violations(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        EvaluationResult result = rule.evaluate(imported);
        assertThat(result.hasViolation()).as("violations of: " + rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
