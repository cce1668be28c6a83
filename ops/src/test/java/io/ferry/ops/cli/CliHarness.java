package io.ferry.ops.cli;

import io.ferry.ops.api.ApiServer;
import io.ferry.ops.api.FakeReplicationService;
import io.ferry.ops.api.TestCertificate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real API server on an ephemeral port over a fake service, a token file for it, and a way to run the CLI
 * against it capturing exit code, stdout and stderr.
 */
final class CliHarness implements AutoCloseable
{
    static final String TOKEN = "cli-test-token";

    final FakeReplicationService service = new FakeReplicationService();
    final ApiServer server;
    final Path tokenFile;

    private final String scheme;

    CliHarness(final Path dir) throws IOException
    {
        this(dir, null);
    }

    /**
     * A harness whose server speaks HTTPS with {@code certificate}, or plain HTTP when it is null.
     */
    CliHarness(final Path dir, final TestCertificate certificate) throws IOException
    {
        tokenFile = dir.resolve("api.token");
        Files.writeString(tokenFile, TOKEN + "\n", StandardCharsets.UTF_8);
        final ApiServer configured = new ApiServer("127.0.0.1", 0, TOKEN.getBytes(StandardCharsets.UTF_8), service);
        if (null != certificate)
        {
            configured.tls(certificate.certFile(), certificate.keyFile());
        }
        scheme = null == certificate ? "http" : "https";
        server = configured.start();
    }

    String api()
    {
        return scheme + "://127.0.0.1:" + server.port();
    }

    /**
     * Run a command with {@code --api} and {@code --token-file} of this harness appended.
     */
    Run run(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", api(), "--token-file", tokenFile.toString()));
        return execute(Map.of(), false, all.toArray(String[]::new));
    }

    static Run execute(final Map<String, String> variables, final boolean interactive, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = FerryCli.execute(
            new CliEnvironment(variables, interactive), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static int closedPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close()
    {
        server.close();
    }

    /**
     * What one CLI run did.
     *
     * @param exitCode exit code.
     * @param out      standard output.
     * @param err      standard error.
     */
    record Run(int exitCode, String out, String err)
    {
        List<String> lines()
        {
            return out.lines().toList();
        }
    }
}
