package io.ferry.perf;

import io.ferry.transport.Encryption;

import io.aeron.driver.Configuration;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures, in one run, round trips of a small message through ferry's control path ({@code Ping}/{@code Pong},
 * sealed with AES-256-GCM) and through Aeron's {@code EmbeddedPingPong} sample, and computes issue 6's latency target
 * (ferry p99 ≤ 2 × Aeron p99); prints the results, writes them as JSON and into docs/performance.md.
 */
@Command(name = "latency-run",
    description = "Measure 4 KiB round trips: ferry's control path against Aeron's EmbeddedPingPong, in one run.")
public final class LatencyRun implements Callable<Integer>
{
    /** Every run, in the order they execute. */
    public static final List<String> ALL = List.of("aeron", "ferry", "aeron-shared", "ferry-shared");

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--round-trips", defaultValue = "20000",
        description = "Measured round trips of each run (default 20000: on two cores the runs on the sample's " +
            "never-idle driver take about 4 ms a round trip, so 100000 would take seven minutes each).")
    private long roundTrips;

    @Option(names = "--warmup", defaultValue = "10000",
        description = "Round trips before the measured ones, not recorded (default 10000).")
    private long warmup;

    @Option(names = "--length", defaultValue = "4096", description = "Bytes of each ping and pong (default 4096).")
    private int length;

    @Option(names = "--runs", split = ",", defaultValue = "aeron,ferry,aeron-shared,ferry-shared",
        description = "Runs to do, of ${DEFAULT-VALUE}: aeron = EmbeddedPingPong, ferry = ferry with the sample's " +
            "driver settings (issue 6's target), aeron-shared = raw Aeron messages on ferry's driver, " +
            "ferry-shared = ferry on its own driver (compared with aeron-shared).")
    private List<String> runs;

    @Option(names = "--idle", defaultValue = "org.agrona.concurrent.BackoffIdleStrategy",
        description = "Idle strategy of the ping and pong loops of every run, ferry's and the sample's " +
            "built as the sample builds it (default: backoff, as ferry's agents; the sample's own default busy-spins).")
    private String idle;

    @Option(names = "--encryption", defaultValue = "aes-256-gcm",
        description = "Frame protection of ferry's link, aes-256-gcm (default, ferry's default) or none.")
    private String encryption;

    @Option(names = "--aeron-jar", description = "aeron-all jar with the samples (default target/peers/aeron-all.jar).")
    private Path aeronJar;

    @Option(names = "--json", description = "Results file (default perf-tests/target/latency.json).")
    private Path json;

    @Option(names = "--doc", description = "Document to put the results in (default docs/performance.md).")
    private Path doc;

    private final List<String> args;

    LatencyRun(final List<String> args)
    {
        this.args = args;
    }

    /**
     * Run the measurement and exit with its status.
     *
     * @param args command line arguments; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LatencyRun(List.of(args))).execute(args));
    }

    /**
     * Run every selected measurement.
     *
     * @return 0 when every run completed and every pong echoed its ping, 1 otherwise, 2 for bad options.
     * @throws Exception on an unexpected failure.
     */
    public Integer call() throws Exception
    {
        for (final String run : runs)
        {
            if (!ALL.contains(run))
            {
                System.err.println("--runs: unknown run '" + run + "'; choose from " + ALL);
                return 2;
            }
        }
        if (roundTrips < 1 || warmup < 0 || length < 0 || length > FerryPingPong.MTU - 92)
        {
            System.err.println("--round-trips must be at least 1, --warmup at least 0, --length 0 to " +
                (FerryPingPong.MTU - 92) + " (one control frame at MTU " + FerryPingPong.MTU + ")");
            return 2;
        }
        final Encryption mode = Encryption.fromConfigName(encryption);
        if (null == mode)
        {
            System.err.println("--encryption: choose aes-256-gcm or none, not '" + encryption + "'");
            return 2;
        }
        final Path target = ThroughputHarness.targetDirectory();
        final Path jar = null != aeronJar ? aeronJar : target.resolve("peers/aeron-all.jar");
        final MachineInfo machine = MachineInfo.read();
        final Instant startedAt = Instant.now();
        System.out.println("machine: " + machine.oneLine());
        final String dirPrefix = "/dev/shm/ferry-latency-" + ProcessHandle.current().pid();

        final List<RunResult> results = new ArrayList<>();
        final Map<String, String> failures = new LinkedHashMap<>();
        for (final String run : runs)
        {
            System.out.printf("%s: %,d warm-up and %,d measured round trips of %,d B (load average %.2f)%n",
                run, warmup, roundTrips, length, MachineInfo.loadAverage());
            try
            {
                results.add(switch (run)
                {
                    case "aeron" -> PingPongSampleRun.run(jar, Path.of(dirPrefix + "-aeron"), length, warmup,
                        roundTrips, idle, Files.createDirectories(target).resolve("latency-aeron.log"));
                    case "ferry" -> FerryPingPong.run(FerryPingPong.DriverMode.SAMPLE, dirPrefix + "-ferry", length,
                        warmup, roundTrips, this::newIdleStrategy, mode);
                    case "aeron-shared" -> RawAeronPingPong.run(dirPrefix + "-aeron-shared", length, warmup,
                        roundTrips, this::newIdleStrategy);
                    default -> FerryPingPong.run(FerryPingPong.DriverMode.FERRY, dirPrefix + "-ferry-shared",
                        length, warmup, roundTrips, this::newIdleStrategy, mode);
                });
            }
            catch (final Exception ex)
            {
                System.out.println(run + " failed: " + ex);
                failures.put(run, ex.toString());
            }
        }

        final LatencyReport report =
            new LatencyReport(startedAt, machine, settings(), results, targets(results, failures));
        report.print(System.out);
        final Path jsonFile = null != json ? json : target.resolve("latency.json");
        final Path docFile = null != doc ? doc : target.getParent().getParent().resolve("docs/performance.md");
        report.writeJson(jsonFile);
        PerformanceDoc.writeSection(docFile, "latency", report.markdown());
        System.out.println("\nwrote " + jsonFile + " and the 'latency' section of " + docFile);
        final boolean echoed = results.stream().allMatch(r -> null == r.verified() || r.verified());
        return failures.isEmpty() && echoed ? 0 : 1;
    }

    /**
     * The idle strategy the sample builds from the same name, through the same Aeron factory: for the default class
     * name that is {@code BackoffIdleStrategy(10, 20, 1 µs, 1 ms)}, not Agrona's no-argument defaults.
     */
    private IdleStrategy newIdleStrategy()
    {
        return Configuration.agentIdleStrategy(idle, null);
    }

    private static List<Target> targets(final List<RunResult> results, final Map<String, String> failures)
    {
        return List.of(
            target(results, failures, "ferry", "aeron", "latency_p99_vs_aeron",
                "ferry control-path p99 / Aeron EmbeddedPingPong p99"),
            target(results, failures, "ferry-shared", "aeron-shared", "latency_shared_p99_vs_aeron_shared",
                "ferry control-path p99 / raw Aeron p99, both on ferry's SHARED backoff driver"));
    }

    private static Target target(
        final List<RunResult> results,
        final Map<String, String> failures,
        final String ferryRun,
        final String aeronRun,
        final String name,
        final String what)
    {
        final RunResult ferry = find(results, ferryRun);
        final RunResult aeron = find(results, aeronRun);
        final String note =
            null == ferry ? missing(failures, ferryRun) : null == aeron ? missing(failures, aeronRun) : "";
        return Targets.latency(name, what, null == ferry ? null : (LatencySummary)ferry.details().get("latency"),
            null == aeron ? null : (LatencySummary)aeron.details().get("latency"), note,
            null == ferry || !Boolean.FALSE.equals(ferry.verified()));
    }

    private static RunResult find(final List<RunResult> results, final String name)
    {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static String missing(final Map<String, String> failures, final String run)
    {
        return failures.containsKey(run) ? run + " failed: " + failures.get(run) : run + " was not run";
    }

    private Map<String, Object> settings()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "io.ferry.perf.LatencyRun " + String.join(" ", args));
        settings.put("round trips", roundTrips + " measured after " + warmup + " warm-up, " + length + " B each way, " +
            "closed loop (the next ping leaves when the pong is back)");
        settings.put("ferry link", "encryption " + encryption + ", MTU " + FerryPingPong.MTU + ", loopback, " +
            "both transports on one embedded driver");
        settings.put("idle", "ping and pong loops of every run: " + idle + ", built by Aeron's " +
            "Configuration.agentIdleStrategy as the sample builds it (backoff: 10 spins, 20 yields, then park from " +
            "1 µs doubling to 1 ms, as ferry's own agents)");
        settings.put("percentiles", "read from HdrHistogram's percentile distribution text (values in µs) for every " +
            "run alike: the value of the first tick at or above the percentile");
        return settings;
    }
}
