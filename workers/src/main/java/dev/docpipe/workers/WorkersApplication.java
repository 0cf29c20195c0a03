package dev.docpipe.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The scan and OCR workers: one non-web process, one consumer group per job topic. Which of the two
 * run is configurable ({@code docpipe.worker.scan.enabled}, {@code docpipe.worker.ocr.enabled}), so
 * OCR, which is CPU-bound, can be scaled apart from the cheap scans.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkersApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkersApplication.class, args);
    }
}
