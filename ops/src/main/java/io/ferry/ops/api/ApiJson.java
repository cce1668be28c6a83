package io.ferry.ops.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.replication.api.DatasetView;
import io.ferry.replication.api.HubStatus;
import io.ferry.replication.api.PeerView;
import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferView;

import java.util.List;

/**
 * Maps the replication service's snapshots to the API's snake_case JSON documents.
 */
public final class ApiJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson()
    {
    }

    /**
     * The shared mapper, thread-safe once configured.
     *
     * @return the mapper.
     */
    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /**
     * Encode a JSON tree as UTF-8 bytes.
     *
     * @param node the tree.
     * @return the encoded bytes.
     */
    public static byte[] bytes(final ObjectNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode a JSON tree: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * The error document {@code {"error": CODE, "message": TEXT}}.
     *
     * @param code    stable error code.
     * @param message human readable message.
     * @return the encoded document.
     */
    public static byte[] error(final String code, final String message)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return bytes(node);
    }

    /**
     * The status document, with the uptime computed against the given time.
     *
     * @param status the hub status.
     * @param nowMs  current epoch milliseconds.
     * @return the JSON tree.
     */
    public static ObjectNode status(final HubStatus status, final long nowMs)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("hub", status.hubId());
        node.put("ferry_version", status.ferryVersion());
        node.put("started_ms", status.startedMs());
        node.put("uptime_ms", Math.max(0, nowMs - status.startedMs()));
        node.put("peers_connected", status.peersConnected());
        node.put("peers_total", status.peersTotal());
        node.put("transfers_active", status.transfersActive());
        node.put("bytes_sent", status.bytesSent());
        node.put("bytes_received", status.bytesReceived());
        return node;
    }

    /**
     * The peers document {@code {"peers": [...]}}.
     *
     * @param peers peer snapshots.
     * @return the JSON tree.
     */
    public static ObjectNode peers(final List<PeerView> peers)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        final ArrayNode array = node.putArray("peers");
        for (final PeerView peer : peers)
        {
            final ObjectNode item = array.addObject();
            item.put("id", peer.id());
            item.put("endpoint", peer.endpoint());
            item.put("connected", peer.connected());
            item.put("last_heard_ms", peer.lastHeardMs());
            item.put("bytes_sent", peer.bytesSent());
            item.put("bytes_received", peer.bytesReceived());
        }
        return node;
    }

    /**
     * The datasets document {@code {"datasets": [...]}}.
     *
     * @param datasets dataset snapshots.
     * @return the JSON tree.
     */
    public static ObjectNode datasets(final List<DatasetView> datasets)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        final ArrayNode array = node.putArray("datasets");
        for (final DatasetView dataset : datasets)
        {
            final ObjectNode item = array.addObject();
            item.put("name", dataset.name());
            item.put("root", dataset.root());
            item.put("current", dataset.current());
            final ArrayNode versions = item.putArray("versions");
            dataset.versions().forEach(versions::add);
        }
        return node;
    }

    /**
     * The transfers document {@code {"transfers": [...]}}.
     *
     * @param transfers transfer snapshots.
     * @return the JSON tree.
     */
    public static ObjectNode transfers(final List<TransferView> transfers)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        final ArrayNode array = node.putArray("transfers");
        for (final TransferView transfer : transfers)
        {
            array.add(transfer(transfer));
        }
        return node;
    }

    /**
     * One transfer document, kind and priority in lower case, states in upper case.
     *
     * @param transfer the transfer snapshot.
     * @return the JSON tree.
     */
    public static ObjectNode transfer(final TransferView transfer)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("id", transfer.id());
        node.put("dataset", transfer.dataset());
        node.put("version", transfer.version());
        node.put("kind", transfer.kind().externalName());
        node.put("priority", transfer.priority().externalName());
        node.put("source", transfer.source());
        node.put("state", transfer.state().name());
        node.put("reason", transfer.reason());
        node.put("message", transfer.message());
        node.put("files_total", transfer.filesTotal());
        node.put("bytes_total", transfer.bytesTotal());
        node.put("bytes_done", transfer.bytesDone());
        node.put("rate_bps", transfer.rateBps());
        node.put("created_ms", transfer.createdMs());
        node.put("updated_ms", transfer.updatedMs());
        final ArrayNode targets = node.putArray("targets");
        for (final TargetView target : transfer.targets())
        {
            final ObjectNode item = targets.addObject();
            item.put("hub", target.hub());
            item.put("state", target.state().name());
            item.put("reason", target.reason());
            item.put("bytes_done", target.bytesDone());
        }
        return node;
    }
}
