package dev.docpipe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * "The state machine is pure": {@code DocumentDecider} and {@code Document.evolve} decide from their
 * arguments alone, so a replay decides exactly as the first run did and {@code DocumentFixture} can
 * check determinism. Time comes in as an argument; ids derive from the command.
 */
@AnalyzeClasses(locations = MainClassesOfModules.class)
class PureStateMachineTest {

    static final String STATE_MACHINE = "dev.docpipe.model.document..";

    @ArchTest
    static final ArchRule no_kafka_spring_or_jdbc = noClasses()
            .that().resideInAPackage(STATE_MACHINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.springframework..", "java.sql..", "javax.sql..")
            .because("deciding is not I/O: the topology and the projector do the I/O around it");

    @ArchTest
    static final ArchRule no_io = noClasses()
            .that().resideInAPackage(STATE_MACHINE)
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..")
            .because("deciding is not I/O");

    @ArchTest
    static final ArchRule no_clock = noClasses()
            .that().resideInAPackage(STATE_MACHINE)
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
            .orShould().callMethodWhere(nowOfJavaTime())
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .because("the decider is given the time ('now') as an argument, so a replay decides the same");

    @ArchTest
    static final ArchRule no_randomness = noClasses()
            .that().resideInAPackage(STATE_MACHINE)
            .should().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(Math.class, "random")
            // by name: classes outside ours are not resolved (archunit.properties), so no subtype checks
            .orShould().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class, ThreadLocalRandom.class,
                    SplittableRandom.class, RandomGenerator.class)
            .because("job ids derive from the command, so the same command yields the same job");

    private static DescribedPredicate<JavaMethodCall> nowOfJavaTime() {
        return DescribedPredicate.describe("a java.time now() method",
                call -> call.getName().equals("now") && call.getTargetOwner().getPackageName().equals("java.time"));
    }
}
