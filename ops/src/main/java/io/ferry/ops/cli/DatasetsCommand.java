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
 * {@code ferry datasets}: the configured datasets and their published versions.
 */
@Command(name = "datasets", description = "List the datasets of this hub and their versions.")
public final class DatasetsCommand implements Callable<Integer>
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
     * Fetch and print the datasets.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode reply = api.client(ferry.environment()).get("/v1/datasets");
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, reply);
            return ExitCodes.DONE;
        }
        final JsonNode datasets = reply.path("datasets");
        if (datasets.isEmpty())
        {
            out.println("no datasets configured; add [[dataset]] sections to the ferryd config");
            out.flush();
            return ExitCodes.DONE;
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
        return ExitCodes.DONE;
    }
}
