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
 * {@code ferry cancel ID}: stop a transfer that has not finished.
 */
@Command(name = "cancel", description = "Cancel a transfer that is not yet committed, failed or cancelled.")
public final class CancelCommand implements Callable<Integer>
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
     * Cancel the transfer and print its new state.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode transfer = api.client(ferry.environment()).delete(ApiClient.transferPath(id));
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, transfer);
            return ExitCodes.DONE;
        }
        out.println(TransferText.text(transfer, "id") + " " + TransferText.text(transfer, "state"));
        out.flush();
        return ExitCodes.DONE;
    }
}
