package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ferry transfers [--all]}: the transfers of this hub, newest first.
 */
@Command(name = "transfers", description = "List active transfers with progress and target states.")
public final class TransfersCommand implements Callable<Integer>
{
    @ParentCommand
    private FerryCli ferry;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiOptions api;

    @Mixin
    private JsonOption json;

    @Option(names = "--all", description = "Include committed, failed and cancelled transfers.")
    private boolean all;

    /**
     * Fetch and print the transfers.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode reply = api.client(ferry.environment()).get(all ? "/v1/transfers?all=true" : "/v1/transfers");
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, reply);
            return ExitCodes.DONE;
        }
        final JsonNode transfers = reply.path("transfers");
        if (transfers.isEmpty())
        {
            out.println(all ? "no transfers" : "no active transfers; ferry transfers --all shows finished ones too");
            out.flush();
            return ExitCodes.DONE;
        }
        TransferText.table(transfers).print(out);
        return ExitCodes.DONE;
    }
}
