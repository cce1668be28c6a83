package io.ferry.perf;

import io.ferry.ops.config.Units;
import io.ferry.transport.LinkTuning;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures, in one run on tmpfs and on the same data: Aeron's throughput sample, ferry file to file at MTU 8192 (with
 * AES-256-GCM and without encryption) and 65504 (two ferryd processes), an rsync daemon, ferry's pacing, and ferry
 * under 2 % data loss; prints the results and the ratios the acceptance targets name, writes them as JSON and into
 * docs/performance.md.
 */
@Command(name = "throughput-harness",
    description = "Measure ferry against Aeron's sample and rsync on loopback, in one run.")
public final class ThroughputHarness implements Callable<Integer>
{
    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--size", defaultValue = "2g", description = "Dataset of the throughput runs (default 2g).")
    private String size;

    @Option(names = "--pacing-size", defaultValue = "256m", description = "Dataset of the pacing run (default 256m).")
    private String pacingSize;

    @Option(names = "--loss-size", defaultValue = "512m", description = "Dataset of the loss runs (default 512m).")
    private String lossSize;

    @Option(names = "--warmup-size", defaultValue = "512m",
        description = "Tree every ferry pair replicates, untimed, before its measured run (default 512m: the JIT " +
            "still compiled for a second of CPU during a 2 GiB run after a 64m warm-up; Aeron's sample discards " +
            "its first two seconds, about 2 GB).")
    private String warmupSize;

    @Option(names = "--seed", description = "Seed of the datasets and the loss (default: random, printed).")
    private Long seed;

    @Option(names = "--runs", split = ",", description = "Runs to do, of ${DEFAULT-VALUE}.",
        defaultValue = "aeron,ferry-8192,ferry-8192-none,ferry-65504,rsync,pacing,loss")
    private List<String> runs;

    @Option(names = "--bandwidth", defaultValue = "40gbit", description = "Link bandwidth of the throughput runs.")
    private String bandwidth;

    @Option(names = "--pacing-rate", defaultValue = "200mbit", description = "Paced rate of the pacing run.")
    private String pacingRate;

    @Option(names = "--loss-pacing-rate", defaultValue = "1gbit", description = "Paced rate of the loss runs.")
    private String lossPacingRate;

    @Option(names = "--loss", defaultValue = "0.02", description = "Fraction of data frames dropped (default 0.02).")
    private double loss;

    @Option(names = "--sample-intervals", defaultValue = "10",
        description = "1-s intervals of Aeron's sample to measure after the first 2 (default 10).")
    private int sampleIntervals;

    @Option(names = "--sample-idle", defaultValue = "org.agrona.concurrent.BackoffIdleStrategy",
        description = "Idle strategy of the sample's publisher and subscriber loops (default: backoff, as ferry's).")
    private String sampleIdle;

    @Option(names = "--tmpfs", defaultValue = "/dev/shm",
        description = "tmpfs to work on, in a new directory ferry-perf-PID that is removed afterwards (default /dev/shm).")
    private Path tmpfs;

    @Option(names = "--keep", description = "Keep the work directory afterwards.")
    private boolean keep;

    @Option(names = "--aeron-jar", description = "aeron-all jar with the samples (default target/peers/aeron-all.jar).")
    private Path aeronJar;

    @Option(names = "--json", description = "Results file (default perf-tests/target/throughput.json).")
    private Path json;

    @Option(names = "--doc", description = "Document to put the results in (default docs/performance.md).")
    private Path doc;

    @Option(names = "--jfr", description = "Record both ferryd processes of the ferry runs with JFR into this " +
        "directory, summarise them and draw their flame graphs (flame-RUN-HUB.svg next to the document); such a run " +
        "is a profile, so its figures go to the 'profile' section only.")
    private Path jfrDir;

    private final List<String> args;

    /**
     * A harness for a command line.
     *
     * @param args the command line, recorded with the results.
     */
    ThroughputHarness(final List<String> args)
    {
        this.args = args;
    }

    /**
     * Run the harness and exit with its status.
     *
     * @param args command line arguments; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ThroughputHarness(List.of(args))).execute(args));
    }

    /**
     * Run every selected measurement.
     *
     * @return 0 when every run completed and verified, 1 otherwise, 2 for bad options.
     * @throws Exception on an unexpected failure.
     */
    public Integer call() throws Exception
    {
        for (final String run : runs)
        {
            if (!PerfRuns.ALL.contains(run))
            {
                System.err.println("--runs: unknown run '" + run + "'; choose from " + PerfRuns.ALL);
                return 2;
            }
        }
        final Path target = targetDirectory();
        final HarnessSettings settings = new HarnessSettings(
            tmpfs.resolve("ferry-perf-" + ProcessHandle.current().pid()),
            null != seed ? seed : System.nanoTime(),
            runs,
            Units.parseBytes(size),
            Units.parseBytes(pacingSize),
            Units.parseBytes(lossSize),
            Units.parseBytes(warmupSize),
            bandwidth,
            Units.parseBitsPerSecond(bandwidth),
            Units.parseBitsPerSecond(pacingRate),
            Units.parseBitsPerSecond(lossPacingRate),
            loss,
            null != aeronJar ? aeronJar : target.resolve("peers/aeron-all.jar"),
            sampleIdle,
            sampleIntervals,
            null != jfrDir ? Files.createDirectories(jfrDir).toAbsolutePath() : null);
        final MachineInfo machine = MachineInfo.read();
        final Instant startedAt = Instant.now();
        System.out.println("machine: " + machine.oneLine());
        final String rmemSeen = Integer.toString(LinkTuning.socketReceiveBufferMax());
        if (!rmemSeen.equals(machine.rmemMax()))
        {
            System.out.println("note: ferry's LinkTuning.socketReceiveBufferMax() reads " + rmemSeen + " where " +
                "/proc/sys/net/core/rmem_max holds " + machine.rmemMax() + ", so ferry sizes its receiver window " +
                "to " + settings.window() + " B; measured as it is");
        }
        System.out.println("seed: " + settings.seed() + " (replay with --seed " + settings.seed() + ")");
        System.out.println("work directory: " + settings.work() + " (file system " +
            Files.getFileStore(Files.createDirectories(settings.work())).type() + ")");

        final PerfRuns perfRuns = new PerfRuns(settings);
        final List<RunResult> results;
        try
        {
            results = perfRuns.runAll();
        }
        finally
        {
            if (!keep)
            {
                Trees.delete(settings.work());
            }
        }

        final ResultsReport report = new ResultsReport(startedAt, machine, describe(settings), results,
            Targets.evaluate(results, loss, perfRuns.failures()));
        report.print(System.out);
        final Path docFile = null != doc ? doc : target.getParent().getParent().resolve("docs/performance.md");
        if (null == settings.jfrDir())
        {
            final Path jsonFile = null != json ? json : target.resolve("throughput.json");
            report.writeJson(jsonFile);
            PerformanceDoc.writeSection(docFile, "throughput", report.markdown());
            System.out.println("\nwrote " + jsonFile + " and the 'throughput' section of " + docFile);
        }
        else
        {
            PerformanceDoc.writeSection(docFile, "profile", profile(report, docFile.toAbsolutePath().getParent()));
            System.out.println("\nwrote the 'profile' section of " + docFile);
        }
        final boolean allVerified = results.stream().allMatch(r -> null == r.verified() || r.verified());
        return perfRuns.failures().isEmpty() && allVerified ? 0 : 1;
    }

    private Map<String, Object> describe(final HarnessSettings settings)
    {
        final Map<String, Object> described = new LinkedHashMap<>();
        described.put("command", "io.ferry.perf.ThroughputHarness " + String.join(" ", args));
        described.put("seed", settings.seed());
        described.put("datasets", "random bytes on " + settings.work() + ": half in one file, half in " +
            PerfDataset.SMALL_FILES + " files; throughput " + size + ", pacing " + pacingSize + ", loss " + lossSize);
        described.put("LinkTuning.socketReceiveBufferMax()", LinkTuning.socketReceiveBufferMax());
        described.put("ferry links", "loopback, rtt 1ms, bandwidth " + bandwidth + " (throughput runs), " +
            pacingRate + " (pacing), " + lossPacingRate + " (loss runs); encryption aes-256-gcm except " +
            "ferry-8192-none (none); throughput links: receiver window " + settings.window() + " B, so-rcvbuf " +
            settings.socketBufferLength() + " B");
        described.put("Aeron sample", "idle " + sampleIdle + ", median of " + sampleIntervals +
            " 1-s intervals after the first " + AeronSampleRun.SKIPPED_INTERVALS);
        return described;
    }

    private static String profile(final ResultsReport report, final Path docsDir) throws IOException
    {
        final StringBuilder md = new StringBuilder();
        md.append("### Profile of the ferry runs, ").append(report.startedAt()).append("\n\n")
            .append("JFR (the JDK's profile settings with Java code sampled every 1 ms and native code every 5 ms, " +
                "started and stopped with `jcmd` around the timed transfer) in both ferryd processes. Recording " +
                "perturbs the run, so these rates are not used for any ratio. The flame graphs draw each daemon's " +
                "Java execution samples by thread group (frames under " +
                String.format(Locale.ROOT, "%.1f", 100 * FlameGraph.DEFAULT_MIN_FRACTION) + " % of the samples " +
                "left out; open one and point at a frame for its full name and share).\n\n");
        for (final RunResult result : report.results())
        {
            md.append("- ").append(result.name()).append(": ").append(ResultsReport.rate(result.bytesPerSecond()))
                .append(", phases ").append(result.details().get("phases_first_seen_s"))
                .append(", CPU seconds by thread: east ").append(result.details().get("cpu_seconds_by_thread_east"))
                .append(", west ").append(result.details().get("cpu_seconds_by_thread_west"))
                .append(flameGraphs(result, docsDir, report.startedAt())).append("\n");
        }
        for (final RunResult result : report.results())
        {
            for (final Path file : result.jfrRecordings())
            {
                final String summary = JfrSummary.summarize(file, 8);
                System.out.println(summary);
                md.append("\n").append(summary);
            }
        }
        return md.toString();
    }

    private static String flameGraphs(final RunResult result, final Path docsDir, final Instant startedAt)
        throws IOException
    {
        final List<String> links = new ArrayList<>();
        for (final Path file : result.jfrRecordings())
        {
            final String stem = file.getFileName().toString().replaceFirst("\\.jfr$", "");
            final String hub = stem.startsWith(result.name() + "-") ? stem.substring(result.name().length() + 1) : stem;
            final Path svg = docsDir.resolve("flame-" + stem + ".svg");
            final long samples = FlameGraph.write(file, JfrStacks.EXECUTION_SAMPLE, svg, result.name() + ", " + hub +
                ": Java execution samples by thread group (" + startedAt + ")", FlameGraph.DEFAULT_MIN_FRACTION);
            System.out.println("wrote " + svg + " (" + samples + " samples, " + Files.size(svg) + " bytes)");
            links.add("[" + hub + "](" + svg.getFileName() + ")");
        }
        return links.isEmpty() ? "" : ", flame graphs " + String.join(", ", links);
    }

    /**
     * The perf-tests target directory, where the jar of the harnesses lies.
     *
     * @return absolute path.
     * @throws URISyntaxException if the jar's location is not a file URI.
     */
    static Path targetDirectory() throws URISyntaxException
    {
        return Path.of(ThroughputHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toAbsolutePath().getParent();
    }
}
