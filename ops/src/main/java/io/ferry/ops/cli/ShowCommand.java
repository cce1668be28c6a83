package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code ferry show ID}: every detail of one transfer, per target.
 */
@Command(name = "show", description = "Show one transfer with the state and reason of each target.")
public final class ShowCommand extends JsonCommand
{
    @Parameters(index = "0", paramLabel = "ID", description = "Transfer id, as ferry transfers lists it.")
    private String id;

    @Override
    JsonNode request(final ApiClient client)
    {
        return client.get(ApiClient.transferPath(id));
    }

    @Override
    void render(final PrintWriter out, final JsonNode transfer)
    {
        TransferText.printDetail(out, transfer);
    }
}
