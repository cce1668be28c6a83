package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code ferry transfers [--all]}: the transfers of this hub, newest first.
 */
@Command(name = "transfers", description = "List active transfers with progress and target states.")
public final class TransfersCommand extends JsonCommand
{
    @Option(names = "--all", description = "Include committed, failed and cancelled transfers.")
    private boolean all;

    @Override
    JsonNode request(final ApiClient client)
    {
        return client.get(all ? "/v1/transfers?all=true" : "/v1/transfers");
    }

    @Override
    void render(final PrintWriter out, final JsonNode reply)
    {
        final JsonNode transfers = reply.path("transfers");
        if (transfers.isEmpty())
        {
            out.println(all ? "no transfers" : "no active transfers; ferry transfers --all shows finished ones too");
            return;
        }
        TransferText.table(transfers).print(out);
    }
}
