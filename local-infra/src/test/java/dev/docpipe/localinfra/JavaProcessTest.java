package dev.docpipe.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JavaProcessTest {

    @Test
    void passesArgsEnvAndJvmArgsAndDiesOnKill9() {
        try (JavaProcess child = JavaProcess.of(ChildMain.class)
                .jvmArgs("-Dchild.prop=p1", "-Xmx64m")
                .env("CHILD_ENV", "e1")
                .args("a1", "a2")
                .start()) {
            String line = child.awaitLogLine("ready", Duration.ofSeconds(20));

            assertThat(line).isEqualTo("ready pid=" + child.pid() + " args=a1,a2 env=e1 prop=p1");
            assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(child.isAlive()).isTrue();
            assertThat(child.logFile()).isAbsolute().exists();
            assertThat(child.logFile().toString()).contains("target");

            child.kill9();

            assertThat(child.isAlive()).isFalse();
            assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
            // SIGKILL: the child's shutdown hook never runs.
            assertThat(child.logFile()).content().doesNotContain("shutdown hook ran");
        }
    }

    @Test
    void stopSendsSigtermSoShutdownHooksRun() {
        JavaProcess child = JavaProcess.of(ChildMain.class).start();
        child.awaitLogLine("ready", Duration.ofSeconds(20));

        int exitCode = child.stop();

        assertThat(exitCode).isEqualTo(143); // 128 + SIGTERM
        assertThat(child.isAlive()).isFalse();
        assertThat(child.logFile()).content().contains("shutdown hook ran");
    }

    @Test
    void awaitLogLineFailsFastWhenTheProcessExitsWithoutTheLine() {
        JavaProcess child = JavaProcess.of(ChildMain.class.getName()).args("exit=3").start();
        long start = System.nanoTime();

        assertThatThrownBy(() -> child.awaitLogLine("ready", Duration.ofSeconds(30)))
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("exiting on request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
