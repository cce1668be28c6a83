package io.ferry.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessCpuTest
{
    @Test
    void addsReapedChildrensTimeToTheProcessOwnFromAStatLine()
    {
        // utime 250, stime 40, cutime 1000, cstime 160 ticks; the name holds a space and a closing parenthesis.
        final String stat = "4242 (rsync) odd) S 1 4242 4242 0 -1 4194560 2000 300 0 0 250 40 1000 160 20 0 1 0 " +
            "123456 20000000 500 18446744073709551615 1 1 0 0 0 0 0 4096 16385 0 0 0 17 1 0 0 0 0 0";

        final ProcessCpu cpu = ProcessCpu.parseStat(stat);

        assertEquals(12.5, cpu.userSeconds(), 1e-9);
        assertEquals(2.0, cpu.systemSeconds(), 1e-9);
        assertEquals(14.5, cpu.seconds(), 1e-9);
    }

    @Test
    void refusesALineThatIsNoStatLine()
    {
        assertThrows(IllegalArgumentException.class, () -> ProcessCpu.parseStat("no parenthesis here"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCpu.parseStat("1 (x) S 1 2 3"));
    }

    @Test
    void readsTheChildrensLineOfBashAndDashTimes()
    {
        assertEquals(Optional.of(new ProcessCpu(61.25, 0.5)),
            ProcessCpu.parseTimes("0m0.003s 0m0.001s\n1m1.250s 0m0.500s\n"));
        assertEquals(Optional.of(new ProcessCpu(0.125, 2.0)),
            ProcessCpu.parseTimes("0m0.000000s 0m0.001000s\n0m0.125000s 0m2.000000s"));
        assertEquals(Optional.of(new ProcessCpu(1.5, 0.25)),
            ProcessCpu.parseTimes("0m0,001s 0m0,000s\n0m1,500s 0m0,250s"));
    }

    @Test
    void rejectsTimesOutputOfAnotherShape()
    {
        assertEquals(Optional.empty(), ProcessCpu.parseTimes(""));
        assertEquals(Optional.empty(), ProcessCpu.parseTimes("0m0.003s 0m0.001s"));
        assertEquals(Optional.empty(), ProcessCpu.parseTimes("0m0.003s 0m0.001s\n1.2 3.4"));
    }

    @Test
    void subtractsAndAdds()
    {
        final ProcessCpu used = new ProcessCpu(5, 3).minus(new ProcessCpu(1, 2)).plus(new ProcessCpu(0.5, 0.25));

        assertEquals(4.5, used.userSeconds(), 1e-9);
        assertEquals(1.25, used.systemSeconds(), 1e-9);
    }

    @Test
    void wrapperPassesTheExitStatusThroughAndWritesTheChildrensTimes(@TempDir final Path dir) throws Exception
    {
        final Path ok = dir.resolve("it's ok.times");
        final Path failed = dir.resolve("failed.times");

        final int okStatus = new ProcessBuilder(ProcessCpu.timed(List.of("true"), ok)).start().waitFor();
        final int failedStatus = new ProcessBuilder(ProcessCpu.timed(List.of("sh", "-c", "exit 3"), failed))
            .start().waitFor();

        assertEquals(0, okStatus);
        assertEquals(3, failedStatus);
        assertTrue(ProcessCpu.readTimes(ok).isPresent());
        assertTrue(ProcessCpu.readTimes(failed).isPresent());
        assertEquals(Optional.empty(), ProcessCpu.readTimes(dir.resolve("missing.times")));
    }
}
