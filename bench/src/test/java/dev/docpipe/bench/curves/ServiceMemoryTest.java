package dev.docpipe.bench.curves;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The memory report's parsing of jcmd and /proc, without a benchmark run. */
class ServiceMemoryTest {

    @Test
    void keepsTheLinesThatSizeTheHeapForEachCollector() {
        String zgc = """
                13456:
                ZHeap            used 32M, capacity 256M, max capacity 256M
                 Cache           224M (2)
                  size classes   2M (1), 128M (1)
                """;
        String g1 = """
                13532:
                garbage-first heap   total reserved 262144K, committed 262144K, used 12382K [0x00000000f0000000, 0x0000000100000000)
                 region size 1024K, 10 young (10240K), 2 survivors (2048K)
                """;
        String parallel = """
                13599:
                PSYoungGen      total 76288K, used 27623K [0x00000000fab00000, 0x0000000100000000, 0x0000000100000000)
                 eden space 65536K, 42% used [0x00000000fab00000,0x00000000fc5f9db8,0x00000000feb00000)
                ParOldGen       total 175104K, used 1166K [0x00000000f0000000, 0x00000000fab00000, 0x00000000fab00000)
                """;

        assertThat(ServiceMemory.summary(zgc)).isEqualTo("ZHeap used 32M, capacity 256M, max capacity 256M");
        assertThat(ServiceMemory.summary(g1))
                .isEqualTo("garbage-first heap total reserved 262144K, committed 262144K, used 12382K");
        assertThat(ServiceMemory.summary(parallel))
                .isEqualTo("PSYoungGen total 76288K, used 27623K; ParOldGen total 175104K, used 1166K");
    }

    @Test
    void readsTheResidentSetOfALiveProcessAndNothingOfAGoneOne() {
        assertThat(ServiceMemory.rssKb(ProcessHandle.current().pid())).isPositive();
        assertThat(ServiceMemory.rssKb(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void asksJcmdForTheHeapOfAJvm() {
        assertThat(ServiceMemory.heapInfo(ProcessHandle.current().pid())).contains("used");
    }
}
