package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code ferry status}: this hub at a glance.
 */
@Command(name = "status", description = "Show this hub at a glance: peers, active transfers, bytes moved.")
public final class StatusCommand extends JsonCommand
{
    @Override
    JsonNode request(final ApiClient client)
    {
        return client.get("/v1/status");
    }

    @Override
    void render(final PrintWriter out, final JsonNode status)
    {
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
    }
}
