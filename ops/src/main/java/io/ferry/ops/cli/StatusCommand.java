package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ferry status}: this hub at a glance.
 */
@Command(name = "status", description = "Show this hub at a glance: peers, active transfers, bytes moved.")
public final class StatusCommand implements Callable<Integer>
{
    @ParentCommand
    private FerryCli ferry;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiOptions api;

    @Mixin
    private JsonOption json;

    /**
     * Fetch and print the status.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode status = api.client(ferry.environment()).get("/v1/status");
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, status);
            return ExitCodes.DONE;
        }
        TextTable.labelled()
            .row("hub", TransferText.text(status, "hub"))
            .row("version", TransferText.text(status, "ferry_version"))
            .row("uptime", Formats.duration(status.path("uptime_ms").asLong()))
            .row("peers", status.path("peers_connected").asInt() + " of " + status.path("peers_total").asInt() +
                " connected")
            .row("transfers", status.path("transfers_active").asInt() + " active")
            .row("sent", Formats.bytes(status.path("bytes_sent").asLong()))
            .row("received", Formats.bytes(status.path("bytes_received").asLong()))
            .print(out);
        return ExitCodes.DONE;
    }
}
