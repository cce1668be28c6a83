package io.ferry.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The link's TCP ceiling: iperf3 (cubic) with one or more streams for a fixed time, its first seconds left out, from a
 * client under a launcher to a server where a placement says.
 */
public final class IperfRun
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int OMIT_SECONDS = 2;

    private IperfRun()
    {
    }

    /**
     * Run iperf3 once.
     *
     * @param work           directory for the logs.
     * @param streams        parallel streams ({@code -P}).
     * @param seconds        measured seconds ({@code -t}), after {@value #OMIT_SECONDS} omitted ones.
     * @param daemon         where the server runs and listens.
     * @param clientLauncher command put before the client's.
     * @return the measurement: bytes received in the measured seconds and their rate.
     * @throws IOException if iperf3 fails.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path work, final int streams, final int seconds, final HubPlacement daemon,
        final List<String> clientLauncher) throws IOException, InterruptedException
    {
        final int port = FreePorts.tcp();
        final List<String> serverCommand = new ArrayList<>(daemon.launcher());
        serverCommand.addAll(List.of("iperf3", "-s", "-1", "-p", Integer.toString(port)));
        final List<String> clientCommand = new ArrayList<>(clientLauncher);
        clientCommand.addAll(List.of("iperf3", "-c", daemon.transportHost(), "-p", Integer.toString(port),
            "-P", Integer.toString(streams), "-t", Integer.toString(seconds), "-O", Integer.toString(OMIT_SECONDS),
            "--json"));
        final Path output = work.resolve("iperf3-client.json");
        final Process server = new ProcessBuilder(serverCommand)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("iperf3-server.out").toFile())
            .start();
        try
        {
            awaitServer(daemon, port, server);
            final Process client = new ProcessBuilder(clientCommand)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            if (!client.waitFor(seconds + OMIT_SECONDS + 60L, TimeUnit.SECONDS))
            {
                client.destroyForcibly();
                throw new IOException("iperf3 client did not finish; see " + output);
            }
            final JsonNode report = JSON.readTree(output.toFile());
            final JsonNode received = report.path("end").path("sum_received");
            if (client.exitValue() != 0 || received.isMissingNode())
            {
                throw new IOException("iperf3 client exited with " + client.exitValue() + ": " +
                    report.path("error").asText("see " + output));
            }
            final double bitsPerSecond = received.path("bits_per_second").asDouble();
            return new RunResult("iperf3-p" + streams, "iperf3 TCP (" + tcpCongestion(report) + "), " + streams +
                " stream(s), " + seconds + " s after " + OMIT_SECONDS + " s omitted, to " + daemon.transportHost(),
                received.path("bytes").asLong(), received.path("seconds").asDouble(), bitsPerSecond / 8, null)
                .with("retransmits", report.path("end").path("sum_sent").path("retransmits").asLong())
                .with("client_command", String.join(" ", clientCommand));
        }
        finally
        {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS))
            {
                server.destroyForcibly();
            }
        }
    }

    private static void awaitServer(final HubPlacement daemon, final int port, final Process server)
        throws IOException, InterruptedException
    {
        // iperf3 -s -1 serves one client only, so readiness is read from the server's own socket table, not probed.
        final List<String> ss = new ArrayList<>(daemon.launcher());
        ss.addAll(List.of("ss", "-Hltn", "sport = :" + port));
        final long deadlineNs = System.nanoTime() + START_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadlineNs && server.isAlive())
        {
            final Process probe = new ProcessBuilder(ss).redirectErrorStream(true).start();
            final String listing = new String(probe.getInputStream().readAllBytes());
            probe.waitFor();
            if (listing.contains("LISTEN"))
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("iperf3 server did not listen on port " + port + " within " + START_TIMEOUT_MS + " ms");
    }

    private static String tcpCongestion(final JsonNode report)
    {
        return report.path("end").path("sender_tcp_congestion").asText("cubic");
    }
}
