package dev.docpipe.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * docs/design.md, "Modules": dependencies point inward, and the three services talk to each other
 * only through topics.
 */
@AnalyzeClasses(locations = MainClassesOfModules.class)
class ModuleBoundariesTest {

    static final String SHARED_MODEL = "dev.docpipe.model..";
    static final String API_SERVICE = "dev.docpipe.api..";
    static final String PIPELINE_STREAMS = "dev.docpipe.pipeline..";
    static final String WORKERS = "dev.docpipe.workers..";

    @ArchTest
    static final ArchRule shared_model_imports_neither_spring_nor_kafka_streams = noClasses()
            .that().resideInAPackage(SHARED_MODEL)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka.streams..")
            .because("every module may use shared-model, including the ones without Spring or Kafka Streams");

    @ArchTest
    static final ArchRule shared_model_uses_no_other_module = noClasses()
            .that().resideInAPackage(SHARED_MODEL)
            .should().dependOnClassesThat(resideInAPackage("dev.docpipe..").and(resideOutsideOfPackage(SHARED_MODEL)))
            .because("dependencies point inward: shared-model is the centre");

    @ArchTest
    static final ArchRule api_service_imports_no_other_service = noClasses()
            .that().resideInAPackage(API_SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage(PIPELINE_STREAMS, WORKERS)
            .because("services talk to each other only through topics");

    @ArchTest
    static final ArchRule pipeline_streams_imports_no_other_service = noClasses()
            .that().resideInAPackage(PIPELINE_STREAMS)
            .should().dependOnClassesThat().resideInAnyPackage(API_SERVICE, WORKERS)
            .because("services talk to each other only through topics");

    @ArchTest
    static final ArchRule workers_import_no_other_service = noClasses()
            .that().resideInAPackage(WORKERS)
            .should().dependOnClassesThat().resideInAnyPackage(API_SERVICE, PIPELINE_STREAMS)
            .because("services talk to each other only through topics");

    @ArchTest
    static final ArchRule pipeline_and_workers_never_hold_a_data_key = noClasses()
            .that().resideInAnyPackage(PIPELINE_STREAMS, WORKERS)
            .should().dependOnClassesThat().resideInAPackage("dev.docpipe.personaldata..")
            .because("the pipeline moves sealed personal fields without opening them, and workers need none of them"
                    + " (docs/decisions/0012-erasure-by-crypto-shredding.md)");

    @ArchTest
    static final ArchRule shared_code_lives_in_libraries_not_in_services = noClasses()
            .that().resideInAnyPackage("dev.docpipe.readmodel..", "dev.docpipe.personaldata..", "dev.docpipe.blob..",
                    "dev.docpipe.cli..",
                    "dev.docpipe.localinfra..", "dev.docpipe.kafkaconfig..")
            .should().dependOnClassesThat().resideInAnyPackage(API_SERVICE, PIPELINE_STREAMS, WORKERS)
            .because("code two modules need lives in a small module of its own, not in one service imported by"
                    + " another");

    @ArchTest
    static final ArchRule no_test_library_in_main_code = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.awaitility..",
                    "org.mockito..", "org.springframework.kafka.test..", "org.springframework.boot.test..",
                    "org.testcontainers..", "dev.docpipe.testsupport..")
            .because("test libraries stay out of every runtime jar; local-infra is the embedded infrastructure"
                    + " without them");

    @ArchTest
    static final ArchRule services_do_not_embed_the_local_infrastructure = noClasses()
            .that().resideInAnyPackage(SHARED_MODEL, API_SERVICE, PIPELINE_STREAMS, WORKERS, "dev.docpipe.readmodel..",
                    "dev.docpipe.personaldata..", "dev.docpipe.blob..", "dev.docpipe.cli..", "dev.docpipe.kafkaconfig..")
            .should().dependOnClassesThat().resideInAPackage("dev.docpipe.localinfra..")
            .because("a service is configured with its broker and database; only dev-stack and tests start them");
}
