package io.ferry.perf;

import io.ferry.ops.config.Units;
import io.ferry.transport.Encryption;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
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
 * The loopback matrix of issue 6 (scenarios 1, 2 and 5): on tmpfs, in one run, ferry between two ferryd processes
 * against an rsync daemon and GridFTP with 1 and 4 streams, on a bulk tree (one large file and many 1-MiB files) and on
 * many small files; every tool repeated round-robin, every copy verified by SHA-256, the CPU time of both ends
 * recorded; prints medians with min–max and the ratios, writes JSON, an SVG chart and the 'matrix' section of
 * docs/performance.md.
 */
@Command(name = "matrix-harness", description = "Measure ferry against rsync and GridFTP on loopback, in one run.")
public final class MatrixHarness implements Callable<Integer>
{
    /** Every tool the matrix knows, in chart order. */
    public static final List<String> TOOLS = List.of(
        "ferry", "rsync", "gridftp-p1", "gridftp-p4", LoopbackCeilings.AERON, LoopbackCeilings.IPERF);
    /** Every scenario, in run order. */
    public static final List<String> SCENARIOS = List.of(MatrixTargets.BULK, MatrixTargets.SMALL_FILES);

    private static final String BANDWIDTH = "40gbit";
    private static final String RTT = "1ms";

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--size", defaultValue = "3g", description = "Bulk tree: two thirds in one file, one third over " +
        "--bulk-files files (default 3g: 2 GiB + 1,000 files of 1 MiB and a bit).")
    private String size;

    @Option(names = "--bulk-files", defaultValue = "1000", description = "Files of the bulk tree besides the large " +
        "one (default 1000).")
    private int bulkFiles;

    @Option(names = "--small-files", defaultValue = "20000", description = "Files of the small-files tree " +
        "(default 20000).")
    private int smallFiles;

    @Option(names = "--small-file-size", defaultValue = "16k", description = "Size of each small file (default 16k).")
    private String smallFileSize;

    @Option(names = "--scenarios", split = ",", defaultValue = "bulk,small-files",
        description = "Scenarios to run, of ${DEFAULT-VALUE}.")
    private List<String> scenarios;

    @Option(names = "--tools", split = ",", defaultValue = "ferry,rsync,gridftp-p1,gridftp-p4,aeron,iperf3",
        description = "Tools to run, of ${DEFAULT-VALUE}.")
    private List<String> tools;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs of each tool per scenario (default 3).")
    private int repeats;

    @Option(names = "--cap", defaultValue = "300",
        description = "Seconds after which an rsync or GridFTP copy is stopped and rated on what arrived " +
            "(default 300).")
    private long capSeconds;

    @Option(names = "--mtu", defaultValue = "65504", description = "ferry's link MTU (default 65504, the largest " +
        "Aeron takes, as ThroughputHarness's best loopback run).")
    private int mtu;

    @Option(names = "--warmup-size", defaultValue = "512m",
        description = "Tree each ferry pair replicates, untimed, before its measured run " +
            "(default 512m, as ThroughputHarness).")
    private String warmupSize;

    @Option(names = "--seed", description = "Seed of the datasets (default: random, printed).")
    private Long seed;

    @Option(names = "--tmpfs", defaultValue = "/dev/shm",
        description = "tmpfs to work on, in a new directory ferry-matrix-PID removed afterwards (default /dev/shm).")
    private Path tmpfs;

    @Option(names = "--keep", description = "Keep the work directory (logs, configs) afterwards.")
    private boolean keep;

    @Option(names = "--aeron-jar", description = "aeron-all jar with the samples (default target/peers/aeron-all.jar).")
    private Path aeronJar;

    @Option(names = "--json", description = "Results file (default perf-tests/target/matrix.json).")
    private Path json;

    @Option(names = "--doc", description = "Document to put the results in (default docs/performance.md).")
    private Path doc;

    @Option(names = "--section", defaultValue = "matrix",
        description = "Section of the document to write, and prefix of the chart's file (default matrix).")
    private String section;

    @Option(names = "--jfr", description = "Record both ferryd processes of every ferry run with JFR into this " +
        "directory (perturbs the runs: for finding where the time goes, not for the figures).")
    private Path jfrDir;

    private final List<String> args;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, String> notMeasured = new LinkedHashMap<>();

    /**
     * A harness for a command line.
     *
     * @param args the command line, recorded with the results.
     */
    MatrixHarness(final List<String> args)
    {
        this.args = args;
    }

    /**
     * Run the matrix and exit with its status.
     *
     * @param args command line arguments; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new MatrixHarness(List.of(args))).execute(args));
    }

    /**
     * Run the matrix.
     *
     * @return 0 when every selected tool ran and every copy verified, 1 otherwise, 2 for bad options.
     * @throws Exception on an unexpected failure.
     */
    public Integer call() throws Exception
    {
        if (!TOOLS.containsAll(tools) || !SCENARIOS.containsAll(scenarios) || repeats < 1 || bulkFiles < 1 ||
            smallFiles < 1)
        {
            System.err.println("--tools takes " + TOOLS + ", --scenarios " + SCENARIOS + "; --repeats, --bulk-files " +
                "and --small-files at least 1");
            return 2;
        }
        final List<String> measured = available();
        final Path target = ThroughputHarness.targetDirectory();
        final Path repo = target.getParent().getParent();
        final long bulkBytes = Units.parseBytes(size);
        final long largeBytes = bulkBytes * 2 / 3;
        final long smallBytes = (long)smallFiles * Units.parseBytes(smallFileSize);
        final long runSeed = null != seed ? seed : System.nanoTime();
        final MachineInfo machine = MachineInfo.read();
        final Instant startedAt = Instant.now();
        System.out.println("machine: " + machine.oneLine());
        System.out.println("seed: " + runSeed + " (replay with --seed " + runSeed + ")");
        final Path work = Files.createDirectories(tmpfs.resolve("ferry-matrix-" + ProcessHandle.current().pid()));
        final List<RunResult> results = new ArrayList<>();
        try
        {
            final Path warmup = work.resolve("warmup");
            PerfDataset.generate(warmup, Units.parseBytes(warmupSize), runSeed + 1);
            int runIndex = 0;
            for (final String scenario : scenarios)
            {
                final boolean bulk = MatrixTargets.BULK.equals(scenario);
                final Path source = work.resolve("source-" + scenario);
                final long bytes = bulk ? bulkBytes : smallBytes;
                final long startNs = System.nanoTime();
                final int files = bulk ? PerfDataset.generate(source, largeBytes, bulkFiles, bulkBytes - largeBytes,
                    runSeed) : PerfDataset.generate(source, 0, smallFiles, smallBytes, runSeed);
                System.out.printf(Locale.ROOT, "%n%s: %d bytes in %d files under %s, written in %.1f s%n", scenario,
                    bytes, files, source, (System.nanoTime() - startNs) / 1e9);
                for (int repeat = 1; repeat <= repeats; repeat++)
                {
                    for (final String tool : measured)
                    {
                        if (!bulk && isCeiling(tool))
                        {
                            continue;
                        }
                        final Path dir = Files.createDirectories(work.resolve("run-" + ++runIndex + "-" + tool));
                        final double load = MachineInfo.loadAverage();
                        final RunResult result = attempt(tool, scenario, repeat, dir, source, warmup, bytes);
                        if (null != result)
                        {
                            results.add(result.with(MatrixSummary.SCENARIO_KEY, scenario)
                                .with(MatrixSummary.FILES_KEY, files)
                                .with(MatrixSummary.DATASET_BYTES_KEY, bytes)
                                .with("repeat", repeat)
                                .with("load_1m_before", load));
                            final Object cpu = result.details().get(ProcessCpu.BOTH_ENDS_KEY);
                            System.out.printf(Locale.ROOT, "%-11s %-10s run %d: %6.2f s, %s, %.0f files/s, CPU %s " +
                                "both ends, verified %s (load %.2f)%n", scenario, tool, repeat, result.seconds(),
                                MatrixChart.rateText(result.bytesPerSecond()), files / result.seconds(),
                                cpu instanceof Double d ? String.format(Locale.ROOT, "%.2f s", d) : "-",
                                result.verified(), load);
                        }
                        if (!keep)
                        {
                            Trees.delete(dir);
                        }
                    }
                }
                Trees.delete(source);
            }
        }
        finally
        {
            if (!keep)
            {
                Trees.delete(work);
            }
        }

        final List<MatrixSummary> summaries = MatrixSummary.of(results);
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "perf-tests/run.sh matrix " + String.join(" ", args));
        settings.put("bulk tree", size + " of random bytes on tmpfs: one file of " + largeBytes + " B and " +
            bulkFiles + " files sharing " + (bulkBytes - largeBytes) + " B");
        settings.put("small-files tree", smallFiles + " files of " + smallFileSize + " of random bytes on tmpfs");
        settings.put("seed", runSeed);
        settings.put("ferry", "two ferryd processes on loopback, MTU " + mtu + ", aes-256-gcm, peer bandwidth " +
            BANDWIDTH + ", rtt " + RTT + ", a " + warmupSize + " warm-up first; POST /v1/transfers to COMMITTED");
        settings.put("rsync", "rsync --daemon on 127.0.0.1, client rsync -a --whole-file SRC/ rsync://127.0.0.1:PORT/" +
            "perf/ into an empty target");
        settings.put("GridFTP", "globus-gridftp-server -aa -anonymous-user " + GridFtpRun.USER + " on 127.0.0.1, " +
            "client globus-url-copy -fast -p 1|4 -r -cd file://SRC/ ftp://127.0.0.1:PORT/TARGET/");
        settings.put("ceilings", "bulk only, memory to memory with no files: aeron = Aeron's " +
            "EmbeddedExclusiveThroughput at MTU " + mtu + " on ferry's loopback channel settings (median of 10 1-s " +
            "intervals, CPU of its JVM over them); iperf3 = one TCP stream for 10 s; their files/s is what their " +
            "rate would give for the scenario's files, and they have nothing to verify");
        settings.put("CPU", "user + sys of both ends over the timed copy: both ferryd processes (/proc/PID/stat); " +
            "the copy client (bash times) and the server with the children it forked and reaped");
        settings.put("repeats", repeats + ", round-robin between tools");
        if (null != jfrDir)
        {
            settings.put("JFR", "ferry's daemons recorded into " + jfrDir + ": the ferry figures are perturbed");
        }
        settings.put("copy cap seconds", capSeconds);
        settings.put("summary", summaries);
        settings.put("not measured", notMeasured);
        settings.put("failures", failures);
        final ResultsReport report = new ResultsReport(startedAt, machine, settings, results,
            MatrixTargets.evaluate(summaries));
        report.print(System.out);
        printSummary(summaries);

        final Path jsonFile = null != json ? json : target.resolve("matrix.json");
        report.writeJson(jsonFile);
        final Path docFile = null != doc ? doc : repo.resolve("docs/performance.md");
        final Path chart = docFile.toAbsolutePath().getParent().resolve(section + "-loopback.svg");
        Files.writeString(chart, MatrixChart.svg("ferry, rsync and GridFTP on loopback (" + startedAt + ")",
            summaries, tools), StandardCharsets.UTF_8);
        PerformanceDoc.writeSection(docFile, section,
            MatrixMarkdown.section(report, summaries, notMeasured, failures, chart.getFileName().toString()));
        System.out.println("\nwrote " + jsonFile + ", " + chart + " and the '" + section + "' section of " + docFile);
        final boolean allVerified = results.stream()
            .allMatch(r -> isCeiling(r.name()) || Boolean.TRUE.equals(r.verified()));
        return failures.isEmpty() && notMeasured.isEmpty() && allVerified ? 0 : 1;
    }

    private List<String> available()
    {
        final List<String> measured = new ArrayList<>();
        for (final String tool : tools)
        {
            if (tool.equals("rsync") && RsyncDaemonRun.find().isEmpty())
            {
                notMeasured.put(tool, "rsync is not installed; install it with: " + RsyncDaemonRun.INSTALL_HINT);
            }
            else if (tool.equals(LoopbackCeilings.IPERF) && Executables.find("iperf3").isEmpty())
            {
                notMeasured.put(tool, "iperf3 is not installed; install it with: apt-get install -y iperf3");
            }
            else if (tool.startsWith("gridftp") && GridFtpRun.findServer().isEmpty())
            {
                notMeasured.put(tool, "GridFTP is not installed; install it with: " + GridFtpRun.INSTALL_HINT);
            }
            else if (tool.startsWith("gridftp") && ProcessHandle.current().info().user().filter("root"::equals)
                .isEmpty())
            {
                notMeasured.put(tool, "the GridFTP server switches to the user " + GridFtpRun.USER + ", which " +
                    "needs root");
            }
            else
            {
                measured.add(tool);
            }
        }
        notMeasured.forEach((tool, why) -> System.out.println(tool + " not measured: " + why));
        return measured;
    }

    private RunResult attempt(
        final String tool,
        final String scenario,
        final int repeat,
        final Path dir,
        final Path source,
        final Path warmup,
        final long bytes)
    {
        try
        {
            return switch (tool)
            {
                case "ferry" -> FerryProcessRun.run(dir, "ferry", source, bytes, mtu, BANDWIDTH, RTT,
                    Encryption.AES_256_GCM, warmup, null != jfrDir ? Files.createDirectories(
                    jfrDir.resolve(scenario + "-run-" + repeat)).toAbsolutePath() : null,
                    HubPlacement.LOOPBACK, HubPlacement.LOOPBACK);
                case "rsync" -> RsyncDaemonRun.run(RsyncDaemonRun.find().orElseThrow(), dir, source, bytes, "rsync",
                    HubPlacement.LOOPBACK, List.of(), capSeconds);
                case LoopbackCeilings.AERON -> LoopbackCeilings.aeron(null != aeronJar ? aeronJar :
                    ThroughputHarness.targetDirectory().resolve("peers/aeron-all.jar"), dir, mtu,
                    Units.parseBitsPerSecond(BANDWIDTH), Units.parseDurationNs(RTT));
                case LoopbackCeilings.IPERF -> LoopbackCeilings.iperf(dir);
                case "gridftp-p1", "gridftp-p4" -> GridFtpRun.run(GridFtpRun.findServer().orElseThrow(), dir, source,
                    bytes, "gridftp-p1".equals(tool) ? 1 : 4, capSeconds);
                default -> throw new IllegalArgumentException(tool);
            };
        }
        catch (final Exception ex)
        {
            final String key = tool + " " + scenario + " run " + repeat;
            failures.put(key, String.valueOf(ex.getMessage()));
            System.out.println(key + " failed: " + ex.getMessage() + (keep ? " (logs under " + dir + ")" : ""));
            return null;
        }
    }

    private static boolean isCeiling(final String tool)
    {
        return LoopbackCeilings.AERON.equals(tool) || LoopbackCeilings.IPERF.equals(tool);
    }

    private static void printSummary(final List<MatrixSummary> summaries)
    {
        System.out.println();
        System.out.printf("%-11s %-10s %4s %24s %22s %22s %8s %6s%n", "scenario", "tool", "runs",
            "rate median (min-max)", "files/s (min-max)", "CPU s/GiB (min-max)", "verified", "capped");
        for (final MatrixSummary s : summaries)
        {
            final Spread cpu = s.cpuSecondsPerGib();
            System.out.printf(Locale.ROOT, "%-11s %-10s %4d %24s %22s %22s %8d %6d%n", s.scenario(), s.tool(),
                s.runs(), MatrixChart.rateText(s.rate().median()) + " (" + MatrixChart.rateText(s.rate().min()) +
                "-" + MatrixChart.rateText(s.rate().max()) + ")",
                String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", s.filesPerSecond().median(),
                    s.filesPerSecond().min(), s.filesPerSecond().max()),
                null == cpu ? "-" : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", cpu.median(), cpu.min(), cpu.max()),
                s.verified(), s.capped());
        }
    }
}
