package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code ferry datasets}: the configured datasets and their published versions.
 */
@Command(name = "datasets", description = "List the datasets of this hub and their versions.")
public final class DatasetsCommand extends JsonCommand
{
    @Override
    JsonNode request(final ApiClient client)
    {
        return client.get("/v1/datasets");
    }

    @Override
    void render(final PrintWriter out, final JsonNode reply)
    {
        final JsonNode datasets = reply.path("datasets");
        if (datasets.isEmpty())
        {
            out.println("no datasets configured; add [[dataset]] sections to the ferryd config");
            return;
        }
        final TextTable table = new TextTable("NAME", "ROOT", "CURRENT", "VERSIONS");
        for (final JsonNode dataset : datasets)
        {
            table.row(
                TransferText.text(dataset, "name"),
                TransferText.text(dataset, "root"),
                TransferText.text(dataset, "current"),
                String.valueOf(dataset.path("versions").size()));
        }
        table.print(out);
    }
}
