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
 * {@code ferry peers}: the configured peer hubs and whether they are connected.
 */
@Command(name = "peers", description = "List the peer hubs, whether connected, and the bytes exchanged.")
public final class PeersCommand implements Callable<Integer>
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
     * Fetch and print the peers.
     *
     * @return {@link ExitCodes#DONE}.
     */
    @Override
    public Integer call()
    {
        final JsonNode reply = api.client(ferry.environment()).get("/v1/peers");
        final PrintWriter out = spec.commandLine().getOut();
        if (json.enabled())
        {
            JsonOption.print(out, reply);
            return ExitCodes.DONE;
        }
        final JsonNode peers = reply.path("peers");
        if (peers.isEmpty())
        {
            out.println("no peers configured; add [[peer]] sections to the ferryd config");
            out.flush();
            return ExitCodes.DONE;
        }
        final long nowMs = System.currentTimeMillis();
        final TextTable table = new TextTable("PEER", "ENDPOINT", "STATE", "LAST HEARD", "SENT", "RECEIVED");
        for (final JsonNode peer : peers)
        {
            table.row(
                TransferText.text(peer, "id"),
                TransferText.text(peer, "endpoint"),
                peer.path("connected").asBoolean() ? "connected" : "disconnected",
                Formats.ago(nowMs, peer.path("last_heard_ms").asLong()),
                Formats.bytes(peer.path("bytes_sent").asLong()),
                Formats.bytes(peer.path("bytes_received").asLong()));
        }
        table.print(out);
        return ExitCodes.DONE;
    }
}
