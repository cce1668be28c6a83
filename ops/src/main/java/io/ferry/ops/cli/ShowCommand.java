package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ferry show ID}: every detail of one transfer, per target.
 */
@Command(name = "show", description = "Show one transfer with the state and reason of each target.")
public final class ShowCommand implements Callable<Integer>
{
    @ParentCommand
    private FerryCli ferry;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiOptions api;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "ID", description = "Transfer id, as ferry transfers lists it.")
    private String id;

    /**
     * Fetch and print the transfer.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode transfer = api.client(ferry.environment()).get(ApiClient.transferPath(id));
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, transfer);
        }
        else
        {
            TransferText.printDetail(out, transfer);
        }
        return ExitCodes.DONE;
    }
}
