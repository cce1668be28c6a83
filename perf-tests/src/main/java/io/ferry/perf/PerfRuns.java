package io.ferry.perf;

import io.ferry.transport.Encryption;
import io.ferry.transport.LinkTuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the selected runs in order, each in its own directory that is removed once it succeeded, so tmpfs holds at
 * most one replica at a time; a run that fails is recorded and the others go on. ferry's links use the default
 * {@code aes-256-gcm} except in ferry-8192-none, which repeats ferry-8192 with {@code encryption = "none"}.
 */
public final class PerfRuns
{
    /** Every run, in the order they execute. */
    public static final List<String> ALL =
        List.of("aeron", "ferry-8192", "ferry-8192-none", "ferry-65504", "rsync", "pacing", "loss");
    /** MTU of Aeron's sample and the first ferry run. */
    public static final int THROUGHPUT_MTU = 8192;
    /** Largest MTU Aeron takes, the best case on loopback. */
    public static final int LARGEST_MTU = 65504;

    private final HarnessSettings settings;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<RunResult> results = new ArrayList<>();

    /**
     * Runs for some settings.
     *
     * @param settings what to measure.
     */
    public PerfRuns(final HarnessSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Execute every selected run.
     *
     * @return the results in order.
     * @throws IOException if a dataset cannot be written.
     */
    public List<RunResult> runAll() throws IOException
    {
        final Path warmup = selected("ferry-8192", "ferry-8192-none", "ferry-65504", "pacing", "loss") ?
            dataset("warmup", settings.warmupBytes(), settings.seed() + 1) : null;
        if (selected("aeron", "ferry-8192", "ferry-8192-none", "ferry-65504", "rsync"))
        {
            final Path source = dataset("throughput", settings.throughputBytes(), settings.seed());
            final long bytes = settings.throughputBytes();
            attempt("aeron", this::aeron);
            attempt("ferry-8192", dir -> FerryProcessRun.run(dir, "ferry-8192", source, bytes, THROUGHPUT_MTU,
                settings.bandwidth(), Encryption.AES_256_GCM, warmup, settings.jfrDir()));
            attempt("ferry-8192-none", dir -> FerryProcessRun.run(dir, "ferry-8192-none", source, bytes,
                THROUGHPUT_MTU, settings.bandwidth(), Encryption.NONE, warmup, settings.jfrDir()));
            attempt("ferry-65504", dir -> FerryProcessRun.run(dir, "ferry-65504", source, bytes, LARGEST_MTU,
                settings.bandwidth(), Encryption.AES_256_GCM, warmup, settings.jfrDir()));
            attempt("rsync", dir -> RsyncDaemonRun.run(RsyncDaemonRun.find().orElseThrow(() -> new IOException(
                "rsync is not installed; install it with: " + RsyncDaemonRun.INSTALL_HINT)), dir, source, bytes));
            Trees.delete(source);
        }
        if (selected("pacing"))
        {
            final Path source = dataset("pacing", settings.pacingBytes(), settings.seed());
            attempt("pacing", dir -> PacingRun.run(
                dir, source, settings.pacingBytes(), warmup, THROUGHPUT_MTU, settings.pacingBitsPerSecond()));
            Trees.delete(source);
        }
        if (selected("loss"))
        {
            final Path source = dataset("loss", settings.lossBytes(), settings.seed());
            attempt("loss-none", dir -> LossRun.run(dir, source, settings.lossBytes(), warmup, THROUGHPUT_MTU,
                settings.lossPacingBitsPerSecond(), 0.0, settings.seed()));
            attempt("loss-lossy", dir -> LossRun.run(dir, source, settings.lossBytes(), warmup, THROUGHPUT_MTU,
                settings.lossPacingBitsPerSecond(), settings.lossRate(), settings.seed()));
            Trees.delete(source);
        }
        if (null != warmup)
        {
            Trees.delete(warmup);
        }
        return Collections.unmodifiableList(results);
    }

    /**
     * Runs that failed, with the reason.
     *
     * @return run name to message, in order.
     */
    public Map<String, String> failures()
    {
        return Collections.unmodifiableMap(failures);
    }

    private RunResult aeron(final Path dir) throws IOException
    {
        if (!Files.isRegularFile(settings.aeronJar()))
        {
            throw new IOException(settings.aeronJar() + " is missing; build perf-tests first (see perf-tests/run.sh)");
        }
        final int window = settings.window();
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + THROUGHPUT_MTU +
            "|term-length=" + LinkTuning.termLength(window) + "|rcv-wnd=" + window + "|so-rcvbuf=" +
            settings.socketBufferLength() + "|pub-wnd=" + window;
        return AeronSampleRun.run(settings.aeronJar(), dir.resolve("aeron"), THROUGHPUT_MTU, channel,
            settings.sampleIdle(), settings.sampleIntervals(), dir.resolve("aeron-sample.log"));
    }

    private void attempt(final String name, final Measure measure) throws IOException
    {
        final String run = name.startsWith("loss") ? "loss" : name;
        if (!settings.runs().contains(run))
        {
            return;
        }
        final Path dir = Files.createDirectories(settings.work().resolve(name));
        final double load = MachineInfo.loadAverage();
        System.out.printf("%n== %s (1-min load average before: %.2f)%n", name, load);
        try
        {
            final RunResult result = measure.run(dir).with("load_1m_before", load);
            System.out.printf("   %s in %.2f s: %s, verified %s%n", result.name(), result.seconds(),
                ResultsReport.rate(result.bytesPerSecond()), result.verified());
            results.add(result);
            Trees.delete(dir);
        }
        catch (final Exception ex)
        {
            System.out.println("   FAILED: " + ex + " (logs under " + dir + "; --keep keeps them)");
            failures.put(name, String.valueOf(ex.getMessage()));
        }
    }

    private Path dataset(final String name, final long bytes, final long seed) throws IOException
    {
        final Path root = settings.work().resolve("source-" + name);
        Trees.delete(root);
        final long startNs = System.nanoTime();
        final int files = PerfDataset.generate(Files.createDirectories(root), bytes, seed);
        System.out.printf("%ngenerated %s dataset: %d bytes in %d files under %s (seed %d) in %.1f s%n",
            name, bytes, files, root, seed, (System.nanoTime() - startNs) / 1e9);
        return root;
    }

    private boolean selected(final String... names)
    {
        for (final String name : names)
        {
            if (settings.runs().contains(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * One measurement that may fail, made in its own directory.
     */
    @FunctionalInterface
    interface Measure
    {
        RunResult run(Path dir) throws Exception;
    }
}
