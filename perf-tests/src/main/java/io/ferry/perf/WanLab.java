package io.ferry.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The WAN lab of perf-tests/wan/lab.sh driven from Java: brings the emulated link up, self-checks it, changes its
 * loss, places hubs in its namespaces and always tears it down on close. One lab exists per machine, so a process
 * holds an exclusive lock on {@value #LOCK_FILE} while its lab is up.
 */
public final class WanLab implements AutoCloseable
{
    /** Directory where lab.sh keeps its state and writes check.json. */
    public static final Path STATE = Path.of("/run/ferry-wan");

    /** Lock file held while a lab is up. */
    public static final String LOCK_FILE = "/run/ferry-wan.lock";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMAND_TIMEOUT_S = 300;
    private static final long LOCK_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
    private static final long LOCK_POLL_MS = 200;

    private final Path script;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String rate;
    private final String rtt;
    private double lossPercent;

    private WanLab(
        final Path script,
        final FileChannel lockChannel,
        final FileLock lock,
        final String rate,
        final String rtt,
        final double lossPercent)
    {
        this.script = script;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.rate = rate;
        this.rtt = rtt;
        this.lossPercent = lossPercent;
    }

    /**
     * Why the lab cannot run here: not root, not Linux, packages missing that cannot be installed, or a kernel
     * feature the sandbox denies. Installs missing Debian packages and builds the delay element first when root.
     *
     * @param script perf-tests/wan/lab.sh.
     * @return the reason, or empty when the lab can run.
     * @throws IOException if the script cannot be started.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static Optional<String> unavailable(final Path script) throws IOException, InterruptedException
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
        {
            return Optional.of("the WAN lab needs Linux (network namespaces, tbf, NFQUEUE)");
        }
        if (!Files.isExecutable(script))
        {
            return Optional.of("the lab script " + script + " is missing or not executable");
        }
        final Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid))
        {
            return Optional.of("the WAN lab needs root (namespaces, iptables, NFQUEUE); running as uid " + uid);
        }
        final Result deps = execute(script, List.of("deps"));
        final Result probe = execute(script, List.of("probe"));
        if (probe.exit() != 0)
        {
            return Optional.of(probe.output().strip() + (deps.exit() != 0 ? "; lab.sh deps said: " +
                deps.output().strip() : ""));
        }
        return Optional.empty();
    }

    /**
     * Bring the lab up with two hubs, waiting for another process's lab to go down first.
     *
     * @param script      perf-tests/wan/lab.sh.
     * @param rate        link rate as tc takes it, e.g. {@code 200mbit}.
     * @param rtt         round-trip time, e.g. {@code 30ms}.
     * @param lossPercent random loss in each direction, in percent.
     * @return the lab, to be closed.
     * @throws IOException if the lab cannot be brought up or the lock cannot be had within 10 minutes.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static WanLab up(final Path script, final String rate, final String rtt, final double lossPercent)
        throws IOException, InterruptedException
    {
        return up(script, rate, rtt, lossPercent, "cubic");
    }

    /**
     * Bring the lab up with two hubs whose TCP uses a given congestion control, waiting for another process's lab to
     * go down first.
     *
     * @param script      perf-tests/wan/lab.sh.
     * @param rate        link rate as tc takes it, e.g. {@code 200mbit}.
     * @param rtt         round-trip time, e.g. {@code 30ms}.
     * @param lossPercent random loss in each direction, in percent.
     * @param tcpCc       TCP congestion control in the hubs' namespaces, e.g. {@code cubic} or {@code bbr}.
     * @return the lab, to be closed.
     * @throws IOException if the lab cannot be brought up or the lock cannot be had within 10 minutes.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static WanLab up(
        final Path script, final String rate, final String rtt, final double lossPercent, final String tcpCc)
        throws IOException, InterruptedException
    {
        final FileChannel channel = FileChannel.open(Path.of(LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = null;
        try
        {
            final long deadlineNs = System.nanoTime() + LOCK_TIMEOUT_NS;
            while (null == (lock = channel.tryLock()))
            {
                if (System.nanoTime() > deadlineNs)
                {
                    throw new IOException("another process has held " + LOCK_FILE + " for 10 minutes");
                }
                Thread.sleep(LOCK_POLL_MS);
            }
            final WanLab lab = new WanLab(script, channel, lock, rate, rtt, lossPercent);
            lab.run("up", "--rate", rate, "--rtt", rtt, "--loss", percent(lossPercent), "--tcp-cc", tcpCc);
            return lab;
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            execute(script, List.of("down"));
            if (null != lock)
            {
                lock.release();
            }
            channel.close();
            throw ex;
        }
    }

    /**
     * Self-check the link: ping RTT within 10 % of the set RTT, a UDP count each way within 0.2 points of the set
     * loss, and iperf3 TCP at 0 % loss within 15 % of the rate. A check out of tolerance is repeated once, since a
     * stall of a shared 2-core host can disturb one measurement; the text keeps both.
     *
     * @return the figures of the last check.json, including {@code ok}, and the lines of every attempt.
     * @throws IOException if the check cannot run.
     * @throws InterruptedException if interrupted while waiting.
     */
    public WanLabCheck check() throws IOException, InterruptedException
    {
        final WanLabCheck first = checkOnce();
        if (first.ok())
        {
            return first;
        }
        final WanLabCheck second = checkOnce();
        return new WanLabCheck(second.figures(), first.text() + "\n(out of tolerance; checked once more)\n" +
            second.text());
    }

    private WanLabCheck checkOnce() throws IOException, InterruptedException
    {
        Files.deleteIfExists(STATE.resolve("check.json"));
        final Result result = execute(script, List.of("check"));
        final Path file = STATE.resolve("check.json");
        if (!Files.exists(file))
        {
            throw new IOException("lab self-check wrote no figures (exit " + result.exit() + "):\n" + result.output());
        }
        return new WanLabCheck(JSON.readTree(file.toFile()), result.output().strip());
    }

    /**
     * Change the random loss of each direction in place.
     *
     * @param percent loss in percent.
     * @throws IOException if the rules cannot be changed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public void loss(final double percent) throws IOException, InterruptedException
    {
        run("loss", percent(percent));
        lossPercent = percent;
    }

    /**
     * The delay element's figures so far: packets, batches, lateness of releases (p50/p99/p99.9/max microseconds).
     *
     * @return the JSON object.
     * @throws IOException if it cannot be read.
     * @throws InterruptedException if interrupted while waiting.
     */
    public JsonNode delayStats() throws IOException, InterruptedException
    {
        return JSON.readTree(run("delay-stats"));
    }

    /**
     * Where a hub of the lab runs: under {@code ip netns exec ferry-HUB}, its transport on the emulated link, its API
     * on the management link the harness reaches directly.
     *
     * @param hub {@code a}, {@code b} or {@code c}.
     * @return the placement.
     */
    public static HubPlacement placement(final String hub)
    {
        final int index = hubIndex(hub);
        return new HubPlacement(launcher(hub), "10.77." + index + ".2", "10.77.10" + index + ".2");
    }

    /**
     * Command prefix that runs a program inside a hub's namespace.
     *
     * @param hub {@code a}, {@code b} or {@code c}.
     * @return e.g. {@code [ip, netns, exec, ferry-a]}.
     */
    public static List<String> launcher(final String hub)
    {
        hubIndex(hub);
        return List.of("ip", "netns", "exec", "ferry-" + hub);
    }

    /**
     * Address of a hub on the emulated link.
     *
     * @param hub {@code a}, {@code b} or {@code c}.
     * @return e.g. {@code 10.77.2.2}.
     */
    public static String address(final String hub)
    {
        return "10.77." + hubIndex(hub) + ".2";
    }

    /**
     * Link rate as set.
     *
     * @return e.g. {@code 200mbit}.
     */
    public String rate()
    {
        return rate;
    }

    /**
     * Round-trip time as set.
     *
     * @return e.g. {@code 30ms}.
     */
    public String rtt()
    {
        return rtt;
    }

    /**
     * Random loss of each direction as set.
     *
     * @return percent.
     */
    public double lossPercent()
    {
        return lossPercent;
    }

    /**
     * Tear the lab down (namespaces, rules, delay process) and release the lock.
     *
     * @throws IOException if the lock cannot be released.
     */
    public void close() throws IOException
    {
        try
        {
            final Result down = execute(script, List.of("down"));
            if (down.exit() != 0)
            {
                System.err.println("wan lab: down exited with " + down.exit() + ": " + down.output());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            lock.release();
            lockChannel.close();
        }
    }

    private String run(final String... args) throws IOException, InterruptedException
    {
        final Result result = execute(script, List.of(args));
        if (result.exit() != 0)
        {
            throw new IOException("lab.sh " + String.join(" ", args) + " exited with " + result.exit() + ":\n" +
                result.output());
        }
        return result.output();
    }

    private static Result execute(final Path script, final List<String> args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        final Path output = Files.createTempFile("ferry-wan-lab", ".out");
        try
        {
            final Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_S +
                    " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(output);
        }
    }

    private static String percent(final double percent)
    {
        return String.format(Locale.ROOT, "%.4f", percent);
    }

    private static int hubIndex(final String hub)
    {
        return switch (hub)
        {
            case "a" -> 1;
            case "b" -> 2;
            case "c" -> 3;
            default -> throw new IllegalArgumentException("hub must be a, b or c: " + hub);
        };
    }

    private record Result(int exit, String output)
    {
    }
}
