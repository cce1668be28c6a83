package io.ferry.ops.cli;

import io.ferry.ops.daemon.DaemonCommand;
import io.ferry.ops.demo.DemoCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code ferry} command: talks to the local ferryd to submit, follow and inspect replication.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Replicate datasets and checkpoints between hubs through the local ferryd.",
    subcommands = {
        StatusCommand.class,
        PeersCommand.class,
        TransfersCommand.class,
        DatasetsCommand.class,
        ReplicateCommand.class,
        ShowCommand.class,
        CancelCommand.class,
        KeygenCommand.class,
        DaemonCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class
    })
public final class FerryCli implements Callable<Integer>
{
    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    /**
     * The top command in an environment.
     *
     * @param environment environment variables and whether a terminal is attached.
     */
    public FerryCli(final CliEnvironment environment)
    {
        this.environment = environment;
    }

    /**
     * Run the CLI and exit the JVM with its exit code.
     *
     * @param args command line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run the CLI in this process's environment, printing to stdout and stderr.
     *
     * @param args command line arguments.
     * @return the exit code, one of {@link ExitCodes}.
     */
    public static int execute(final String... args)
    {
        final PrintWriter out = new PrintWriter(System.out, true);
        final PrintWriter err = new PrintWriter(System.err, true);
        return execute(CliEnvironment.system(), out, err, args);
    }

    /**
     * Run the CLI in a given environment and with given output streams.
     *
     * @param environment environment variables and whether a terminal is attached.
     * @param out         where results go.
     * @param err         where errors go.
     * @param args        command line arguments.
     * @return the exit code, one of {@link ExitCodes}.
     */
    public static int execute(
        final CliEnvironment environment, final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = commandLine(environment);
        commandLine.setOut(out);
        commandLine.setErr(err);
        final int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * The configured picocli command line, with exit codes and error reporting set on every subcommand.
     *
     * @param environment environment variables and whether a terminal is attached.
     * @return the command line.
     */
    public static CommandLine commandLine(final CliEnvironment environment)
    {
        final CommandLine commandLine = new CommandLine(new FerryCli(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(FerryCli::reportFailure);
        applyExitCodes(commandLine);
        return commandLine;
    }

    /**
     * The environment the commands run in.
     *
     * @return the environment.
     */
    public CliEnvironment environment()
    {
        return environment;
    }

    /**
     * Without a subcommand there is nothing to do: report bad usage.
     *
     * @return never returns normally.
     */
    @Override
    public Integer call()
    {
        throw new ParameterException(spec.commandLine(), "missing command; run ferry --help to list them");
    }

    private static void applyExitCodes(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.FAILED);
        commandLine.getSubcommands().values().forEach(FerryCli::applyExitCodes);
    }

    private static int reportFailure(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        if (ex instanceof CliException failure)
        {
            err.println("ferry: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        err.println("ferry: unexpected " + ex.getClass().getSimpleName() + " in " + commandLine.getCommandName() +
            ": " + ex.getMessage() + "; please report it with the trace below");
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILED;
    }
}
