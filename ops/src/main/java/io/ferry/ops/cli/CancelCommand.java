package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code ferry cancel ID}: stop a transfer that has not finished.
 */
@Command(name = "cancel", description = "Cancel a transfer that is not yet committed, failed or cancelled.")
public final class CancelCommand extends JsonCommand
{
    @Parameters(index = "0", paramLabel = "ID", description = "Transfer id, as ferry transfers lists it.")
    private String id;

    @Override
    JsonNode request(final ApiClient client)
    {
        return client.delete(ApiClient.transferPath(id));
    }

    @Override
    void render(final PrintWriter out, final JsonNode transfer)
    {
        out.println(TransferText.text(transfer, "id") + " " + TransferText.text(transfer, "state"));
    }
}
