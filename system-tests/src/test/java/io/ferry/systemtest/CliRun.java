package io.ferry.systemtest;

import io.ferry.ops.cli.FerryCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the {@code ferry} CLI in this JVM and captures its exit code and what it printed on stdout and stderr.
 *
 * @param exitCode the CLI's exit code.
 * @param printed  stdout followed by stderr.
 */
record CliRun(int exitCode, String printed)
{
    /**
     * Run one CLI command.
     *
     * @param args command and options, e.g. {@code show ID --api URL}.
     * @return exit code and output.
     */
    static CliRun execute(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final int exit;
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = FerryCli.execute(args);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
