package io.ferry.perf;

import io.ferry.ops.config.Units;
import io.ferry.transport.Encryption;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The WAN matrix of issue 6: on the emulated link of perf-tests/wan (rate, RTT, each loss in turn, self-checked
 * before the runs), ferry between two ferryd processes against an rsync daemon, GridFTP with 1 and 4 streams and
 * iperf3 with 1 and 4 streams, repeated; prints medians with min–max, writes JSON, an SVG chart and the 'wan' section
 * of docs/performance.md with the ratios the issue names.
 */
@Command(name = "wan-harness", description = "Measure ferry against TCP tools on the emulated WAN link.")
public final class WanHarness implements Callable<Integer>
{
    /** Every tool the matrix knows, in chart order. */
    public static final List<String> TOOLS =
        List.of("ferry", "rsync", "gridftp-p1", "gridftp-p4", "iperf3-p1", "iperf3-p4");

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--rate", defaultValue = "200mbit", description = "Link rate (default 200mbit).")
    private String rate;

    @Option(names = "--rtt", defaultValue = "30ms", description = "Round-trip time (default 30ms).")
    private String rtt;

    @Option(names = "--loss", split = ",", defaultValue = "0,0.5,2",
        description = "Random loss per direction, percent, one scenario each (default 0,0.5,2).")
    private List<Double> losses;

    @Option(names = "--mtu", defaultValue = "1472", description = "ferry's MTU on the link (default 1472: the " +
        "largest Aeron frame, a multiple of 32, whose datagram fits the lab's 1500-byte IP MTU).")
    private int mtu;

    @Option(names = "--size", defaultValue = "1g", description = "Dataset moved by each copy (default 1g).")
    private String size;

    @Option(names = "--warmup-size", defaultValue = "16m",
        description = "Tree each ferry pair replicates, untimed, before its measured run (default 16m).")
    private String warmupSize;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs of each tool per scenario (default 3).")
    private int repeats;

    @Option(names = "--tools", split = ",", description = "Tools to run, of ${DEFAULT-VALUE}.",
        defaultValue = "ferry,rsync,gridftp-p1,gridftp-p4,iperf3-p1,iperf3-p4")
    private List<String> tools;

    @Option(names = "--cap", defaultValue = "120",
        description = "Seconds after which a TCP copy is stopped and rated on what arrived (default 120).")
    private long capSeconds;

    @Option(names = "--iperf-seconds", defaultValue = "10", description = "Measured seconds of iperf3 (default 10).")
    private int iperfSeconds;

    @Option(names = "--seed", description = "Seed of the dataset (default: random, printed).")
    private Long seed;

    @Option(names = "--tmpfs", defaultValue = "/dev/shm",
        description = "tmpfs to work on, in a new directory ferry-wan-PID removed afterwards (default /dev/shm).")
    private Path tmpfs;

    @Option(names = "--keep", description = "Keep the work directory (logs, configs) afterwards.")
    private boolean keep;

    @Option(names = "--lab", description = "The lab script (default perf-tests/wan/lab.sh).")
    private Path labScript;

    @Option(names = "--json", description = "Results file (default perf-tests/target/wan.json).")
    private Path json;

    @Option(names = "--doc", description = "Document to put the results in (default docs/performance.md).")
    private Path doc;

    @Option(names = "--tcp-cc", defaultValue = "cubic",
        description = "TCP congestion control of the hubs' namespaces, for rsync, GridFTP and iperf3 (default cubic).")
    private String tcpCc;

    @Option(names = "--section", defaultValue = "wan",
        description = "Section of the document to write, and prefix of the chart's file (default wan).")
    private String section;

    @Option(names = "--jfr", description = "Record both ferryd processes of every ferry run with JFR into this " +
        "directory and draw a flame graph next to each recording (perturbs the runs: for finding where the time " +
        "goes, not for the figures).")
    private Path jfrDir;

    private final List<String> args;
    private final Map<String, String> failures = new LinkedHashMap<>();

    /**
     * A harness for a command line.
     *
     * @param args the command line, recorded with the results.
     */
    WanHarness(final List<String> args)
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
        System.exit(new CommandLine(new WanHarness(List.of(args))).execute(args));
    }

    /**
     * Run the matrix.
     *
     * @return 0 when every run completed and every finished copy verified, 1 otherwise, 2 when the lab cannot run.
     * @throws Exception on an unexpected failure.
     */
    public Integer call() throws Exception
    {
        for (final String tool : tools)
        {
            if (!TOOLS.contains(tool))
            {
                System.err.println("--tools: unknown tool '" + tool + "'; choose from " + TOOLS);
                return 2;
            }
        }
        final Path target = ThroughputHarness.targetDirectory();
        final Path repo = target.getParent().getParent();
        final Path script = null != labScript ? labScript : repo.resolve("perf-tests/wan/lab.sh");
        final Optional<String> unavailable = WanLab.unavailable(script);
        if (unavailable.isPresent())
        {
            System.err.println("the WAN matrix cannot run here: " + unavailable.get());
            return 2;
        }
        final long bytes = Units.parseBytes(size);
        final long rateBps = Units.parseBitsPerSecond(rate);
        final long runSeed = null != seed ? seed : System.nanoTime();
        final MachineInfo machine = MachineInfo.read();
        final Instant startedAt = Instant.now();
        System.out.println("machine: " + machine.oneLine());
        System.out.println("seed: " + runSeed + " (replay with --seed " + runSeed + ")");
        final Path work = Files.createDirectories(tmpfs.resolve("ferry-wan-" + ProcessHandle.current().pid()));
        final List<RunResult> results = new ArrayList<>();
        final Map<String, Object> checks = new LinkedHashMap<>();
        Object delayStats = null;
        try
        {
            final Path source = work.resolve("source");
            final Path warmup = work.resolve("warmup");
            PerfDataset.generate(source, bytes, runSeed);
            PerfDataset.generate(warmup, Units.parseBytes(warmupSize), runSeed + 1);
            try (WanLab lab = WanLab.up(script, rate, rtt, losses.get(0), tcpCc))
            {
                int runIndex = 0;
                for (final double loss : losses)
                {
                    lab.loss(loss);
                    final WanLabCheck check = lab.check();
                    System.out.println(check.text());
                    checks.put(WanSummary.percentText(loss) + " %", check.figures());
                    if (!check.ok())
                    {
                        failures.put("lab at " + WanSummary.percentText(loss) + " %", "self-check out of tolerance: " + check.text());
                        continue;
                    }
                    for (int repeat = 1; repeat <= repeats; repeat++)
                    {
                        for (final String tool : tools)
                        {
                            final Path dir = Files.createDirectories(work.resolve("run-" + ++runIndex + "-" + tool));
                            final RunResult result = attempt(tool, loss, repeat, dir, source, warmup, bytes);
                            if (null != result)
                            {
                                results.add(result.with(WanSummary.LOSS_KEY, loss).with("repeat", repeat));
                                System.out.printf(Locale.ROOT, "%-6s %-11s run %d: %8.1f Mbit/s%s%n",
                                    WanSummary.percentText(loss) + "%", tool, repeat, result.bytesPerSecond() * 8 / 1e6,
                                    Boolean.TRUE.equals(result.details().get("capped")) ? " (capped)" : "");
                            }
                            if (!keep)
                            {
                                Trees.delete(dir);
                            }
                        }
                    }
                }
                delayStats = lab.delayStats();
            }
        }
        finally
        {
            if (!keep)
            {
                Trees.delete(work);
            }
        }

        final List<WanSummary> summaries = WanSummary.of(results);
        final List<Target> targets = targets(summaries, rateBps);
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "perf-tests/run.sh wan " + String.join(" ", args));
        settings.put("link", rate + ", RTT " + rtt + ", random loss per direction " + losses + " %");
        settings.put("dataset", size + " of random bytes on tmpfs: half in one file, half in " +
            PerfDataset.SMALL_FILES + " files; seed " + runSeed);
        settings.put("ferry", "two ferryd processes in namespaces ferry-a and ferry-b, MTU " + mtu +
            ", aes-256-gcm, peer bandwidth " + rate + ", rtt " + rtt + ", a " + warmupSize + " warm-up first");
        settings.put("TCP congestion control of the hubs", tcpCc);
        settings.put("repeats", repeats);
        settings.put("TCP copy cap seconds", capSeconds);
        settings.put("lab self-checks", checks);
        settings.put("delay element", delayStats);
        settings.put("summary", summaries);
        settings.put("failures", failures);
        final ResultsReport report = new ResultsReport(startedAt, machine, settings, results, targets);
        report.print(System.out);
        printSummary(summaries);

        final Path jsonFile = null != json ? json : target.resolve("wan.json");
        report.writeJson(jsonFile);
        final Path docFile = null != doc ? doc : repo.resolve("docs/performance.md");
        final Path chart = docFile.toAbsolutePath().getParent().resolve(section + "-throughput.svg");
        Files.writeString(chart, WanChart.svg("ferry and TCP tools over " + rate + ", " + rtt + " RTT, TCP " + tcpCc +
            " (" + startedAt + ")", summaries, losses, tools, rateBps), StandardCharsets.UTF_8);
        PerformanceDoc.writeSection(docFile, section,
            WanMarkdown.section(report, summaries, checks, delayStats, failures, chart.getFileName().toString()));
        System.out.println("\nwrote " + jsonFile + ", " + chart + " and the '" + section + "' section of " + docFile);
        final boolean allVerified = results.stream().allMatch(r -> null == r.verified() || r.verified());
        return failures.isEmpty() && allVerified ? 0 : 1;
    }

    private RunResult attempt(
        final String tool,
        final double loss,
        final int repeat,
        final Path dir,
        final Path source,
        final Path warmup,
        final long bytes)
    {
        final HubPlacement b = WanLab.placement("b");
        final List<String> a = WanLab.launcher("a");
        try
        {
            return switch (tool)
            {
                case "ferry" -> withFlameGraphs(FerryProcessRun.run(dir, "ferry", source, bytes, mtu, rate, rtt,
                    Encryption.AES_256_GCM, warmup, null != jfrDir ? Files.createDirectories(jfrDir.resolve(
                    "loss-" + WanSummary.percentText(loss) + "-run-" + repeat)).toAbsolutePath() : null,
                    WanLab.placement("a"), b), loss, repeat);
                case "rsync" -> RsyncDaemonRun.run(RsyncDaemonRun.find().orElseThrow(() -> new IOException(
                    "rsync is not installed; install it with: " + RsyncDaemonRun.INSTALL_HINT)), dir, source, bytes,
                    "rsync", b, a, capSeconds);
                case "gridftp-p1", "gridftp-p4" -> GridFtpRun.run(GridFtpRun.findServer().orElseThrow(() ->
                    new IOException("GridFTP is not installed; install it with: " + GridFtpRun.INSTALL_HINT)), dir,
                    source, bytes, "gridftp-p1".equals(tool) ? 1 : 4, b, a, capSeconds);
                case "iperf3-p1", "iperf3-p4" -> iperf(dir, "iperf3-p1".equals(tool) ? 1 : 4, b, a);
                default -> throw new IllegalArgumentException(tool);
            };
        }
        catch (final Exception ex)
        {
            final String key = tool + " at " + WanSummary.percentText(loss) + " % run " + repeat;
            failures.put(key, String.valueOf(ex.getMessage()));
            System.out.println(key + " failed: " + ex.getMessage());
            return null;
        }
    }

    private RunResult withFlameGraphs(final RunResult result, final double loss, final int repeat)
        throws IOException
    {
        for (final Path recording : result.jfrRecordings())
        {
            final String stem = recording.getFileName().toString().replaceFirst("\\.jfr$", "");
            final Path svg = recording.resolveSibling(stem + ".svg");
            final long samples = FlameGraph.write(recording, JfrStacks.EXECUTION_SAMPLE, svg, stem + " at " +
                WanSummary.percentText(loss) + " % loss, run " + repeat + ", " + rate + ", " + rtt +
                " RTT: Java execution samples by thread group", FlameGraph.DEFAULT_MIN_FRACTION);
            System.out.println("wrote " + svg + " (" + samples + " samples)");
        }
        return result;
    }

    private RunResult iperf(final Path dir, final int streams, final HubPlacement server, final List<String> client)
        throws IOException, InterruptedException
    {
        try
        {
            return IperfRun.run(dir, streams, iperfSeconds, server, client);
        }
        catch (final IOException ex)
        {
            // iperf3 3.12 gives up when a segment of its control handshake is lost; on a lossy link try once more.
            System.out.println("iperf3 failed (" + ex.getMessage() + "); once more");
            return IperfRun.run(dir, streams, iperfSeconds, server, client);
        }
    }

    private static List<Target> targets(final List<WanSummary> summaries, final long rateBps)
    {
        final List<Target> targets = new ArrayList<>();
        final double[][] wanted = { { 0, 0.90 }, { 0.5, 0.85 }, { 2, 0.80 } };
        for (final double[] pair : wanted)
        {
            final String what = "ferry goodput / link rate at " + WanSummary.percentText(pair[0]) + " % loss";
            final String want = "≥ " + pair[1];
            final Optional<WanSummary> ferry = find(summaries, "ferry", pair[0]);
            targets.add(ferry.isEmpty() ? Target.notMeasured("wan_ferry_rate_" + WanSummary.percentText(pair[0]), what, want,
                "no ferry run at this loss") : target("wan_ferry_rate_" + WanSummary.percentText(pair[0]), what,
                ferry.get().median() * 8 / rateBps, want, pair[1]));
        }
        final String what = "ferry / GridFTP -p 4 at 0.5 % loss";
        final Optional<WanSummary> ferry = find(summaries, "ferry", 0.5);
        final Optional<WanSummary> gridftp = find(summaries, "gridftp-p4", 0.5);
        targets.add(ferry.isEmpty() || gridftp.isEmpty() ? Target.notMeasured("wan_ferry_vs_gridftp_p4", what, "≥ 10",
            "ferry or GridFTP -p 4 not measured at 0.5 %") :
            target("wan_ferry_vs_gridftp_p4", what, ferry.get().median() / gridftp.get().median(), "≥ 10", 10));
        return targets;
    }

    private static Target target(final String name, final String what, final double value, final String wanted,
        final double least)
    {
        return new Target(name, what, value, wanted, value >= least, "");
    }

    private static Optional<WanSummary> find(final List<WanSummary> summaries, final String tool, final double loss)
    {
        return summaries.stream().filter(s -> s.tool().equals(tool) && s.lossPercent() == loss).findFirst();
    }

    private static void printSummary(final List<WanSummary> summaries)
    {
        System.out.println();
        System.out.printf("%-7s %-11s %5s %12s %22s %9s %7s%n", "loss", "tool", "runs", "median", "min-max",
            "verified", "capped");
        for (final WanSummary s : summaries)
        {
            System.out.printf(Locale.ROOT, "%-7s %-11s %5d %7.1f Mbit %9.1f-%-7.1f Mbit %9d %7d%n",
                WanSummary.percentText(s.lossPercent()) + " %", s.tool(), s.runs(), s.medianMbit(), s.min() * 8 / 1e6,
                s.max() * 8 / 1e6, s.verified(), s.capped());
        }
    }
}
