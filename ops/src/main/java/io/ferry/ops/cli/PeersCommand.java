package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code ferry peers}: the configured peer hubs and whether they are connected.
 */
@Command(name = "peers", description = "List the peer hubs, whether connected, and the bytes exchanged.")
public final class PeersCommand extends JsonCommand
{
    @Override
    JsonNode request(final ApiClient client)
    {
        return client.get("/v1/peers");
    }

    @Override
    void render(final PrintWriter out, final JsonNode reply)
    {
        final JsonNode peers = reply.path("peers");
        if (peers.isEmpty())
        {
            out.println("no peers configured; add [[peer]] sections to the ferryd config");
            return;
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
    }
}
