package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ops.api.ApiJson;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ferry replicate PATH --dataset NAME --to HUB[,HUB...]}: submit a transfer, and optionally wait for it.
 */
@Command(name = "replicate", description = "Replicate a directory to other hubs as a version of a dataset.")
public final class ReplicateCommand implements Callable<Integer>
{
    @ParentCommand
    private FerryCli ferry;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiOptions api;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "PATH", description = "Directory holding the version on this hub.")
    private Path source;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset the version belongs to.")
    private String dataset;

    @Option(names = "--to", required = true, split = ",", paramLabel = "HUB",
        description = "Target hub ids, comma separated.")
    private List<String> targets;

    @Option(names = "--version", paramLabel = "LABEL", description = "Version label (default: a timestamp label).")
    private String version;

    @Option(names = "--kind", paramLabel = "KIND", description = "dataset or checkpoint (default: dataset).")
    private DataKind kind;

    @Option(names = "--priority", paramLabel = "PRIORITY",
        description = "high, normal or bulk (default: the kind's default).")
    private TransferPriority priority;

    @Option(names = "--wait", description = "Wait until committed, failed or cancelled, showing progress.")
    private boolean waitUntilFinished;

    /**
     * Submit the transfer, print its id and, with {@code --wait}, follow it to the end.
     *
     * @return {@link ExitCodes#DONE}, or {@link ExitCodes#FAILED} if a waited-for transfer did not commit.
     */
    @Override
    public Integer call()
    {
        final ApiClient client = api.client(ferry.environment());
        final PrintWriter out = spec.commandLine().getOut();
        final JsonNode submitted = client.post("/v1/transfers", request());
        if (!waitUntilFinished)
        {
            if (json.enabled())
            {
                JsonOption.print(out, submitted);
            }
            else
            {
                out.println(TransferText.text(submitted, "id") + " " + TransferText.text(submitted, "state"));
                out.flush();
            }
            return ExitCodes.DONE;
        }

        if (!json.enabled())
        {
            out.println(TransferText.text(submitted, "id") + " submitted: " + dataset + " " +
                TransferText.text(submitted, "version") + " to " + String.join(",", targets));
            out.flush();
        }
        final JsonNode finished = new TransferWaiter(client, out, ferry.environment().interactive(), json.enabled())
            .await(submitted);
        if (json.enabled())
        {
            JsonOption.print(out, finished);
        }
        else
        {
            out.println(TransferText.summary(finished));
            out.flush();
        }
        return TransferText.state(finished) == TransferState.COMMITTED ? ExitCodes.DONE : ExitCodes.FAILED;
    }

    private ObjectNode request()
    {
        final ObjectNode body = ApiJson.mapper().createObjectNode();
        body.put("source", source.toAbsolutePath().normalize().toString());
        body.put("dataset", dataset);
        if (version != null)
        {
            body.put("version", version);
        }
        final ArrayNode to = body.putArray("targets");
        targets.forEach(to::add);
        if (kind != null)
        {
            body.put("kind", kind.externalName());
        }
        if (priority != null)
        {
            body.put("priority", priority.externalName());
        }
        return body;
    }
}
