package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.replication.api.TransferState;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Text renderings of a transfer as the API returns it: table rows, the detail block, progress and the summary.
 */
public final class TransferText
{
    private static final int BAR_WIDTH = 24;

    private TransferText()
    {
    }

    /**
     * A table of transfers.
     *
     * @param transfers the {@code transfers} array of {@code GET /v1/transfers}.
     * @return the table, one row per transfer.
     */
    public static TextTable table(final JsonNode transfers)
    {
        final TextTable table = new TextTable(
            "ID", "DATASET", "VERSION", "KIND", "STATE", "PROGRESS", "RATE", "TARGETS");
        for (final JsonNode transfer : transfers)
        {
            table.row(
                text(transfer, "id"),
                text(transfer, "dataset"),
                text(transfer, "version"),
                text(transfer, "kind"),
                text(transfer, "state"),
                Formats.percent(transfer.path("bytes_done").asLong(), transfer.path("bytes_total").asLong()),
                Formats.rate(transfer.path("rate_bps").asLong()),
                targets(transfer, ","));
        }
        return table;
    }

    /**
     * Print every detail of one transfer, with a line per target.
     *
     * @param out      where to print.
     * @param transfer one transfer document.
     */
    public static void printDetail(final PrintWriter out, final JsonNode transfer)
    {
        final long done = transfer.path("bytes_done").asLong();
        final long total = transfer.path("bytes_total").asLong();
        final TextTable fields = TextTable.labelled()
            .row("id", text(transfer, "id"))
            .row("dataset", text(transfer, "dataset"))
            .row("version", text(transfer, "version"))
            .row("kind", text(transfer, "kind"))
            .row("priority", text(transfer, "priority"))
            .row("source", text(transfer, "source"))
            .row("state", text(transfer, "state"));
        if (text(transfer, "reason") != null || text(transfer, "message") != null)
        {
            fields.row("reason", joinNonNull(": ", text(transfer, "reason"), text(transfer, "message")));
        }
        fields
            .row("progress", Formats.percent(done, total) + "  " + Formats.bytes(done) + " of " +
                Formats.bytes(total) + ", " + transfer.path("files_total").asLong() + " files")
            .row("rate", Formats.rate(transfer.path("rate_bps").asLong()))
            .row("created", Instant.ofEpochMilli(transfer.path("created_ms").asLong()).toString())
            .row("updated", Instant.ofEpochMilli(transfer.path("updated_ms").asLong()).toString())
            .row("targets", "")
            .print(out);

        final TextTable targets = new TextTable("  HUB", "STATE", "DONE", "REASON");
        for (final JsonNode target : transfer.path("targets"))
        {
            targets.row("  " + text(target, "hub"), text(target, "state"),
                Formats.bytes(target.path("bytes_done").asLong()), text(target, "reason"));
        }
        targets.print(out);
    }

    /**
     * A plain progress line: state, percent, bytes done of total, rate and target states.
     *
     * @param transfer one transfer document.
     * @return the line.
     */
    public static String progressLine(final JsonNode transfer)
    {
        return text(transfer, "state") + "  " + progressFigures(transfer);
    }

    /**
     * A progress bar line for a terminal: bar, percent, bytes done of total, rate and target states.
     *
     * @param transfer one transfer document.
     * @return the line, without a line end.
     */
    public static String progressBar(final JsonNode transfer)
    {
        final double fraction = isScanning(transfer) ? 0.0 : Formats.fraction(
            transfer.path("bytes_done").asLong(), transfer.path("bytes_total").asLong());
        final int filled = (int)Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]  " + progressFigures(transfer);
    }

    /**
     * The closing line of a waited-for transfer, e.g. {@code committed to west,north: 256.0 MiB in 4.2 s (61.0 MiB/s)}
     * or {@code failed: west: DISK_FULL: no space left}.
     *
     * @param transfer one transfer document in a terminal state.
     * @return the line.
     */
    public static String summary(final JsonNode transfer)
    {
        final String reason = text(transfer, "reason");
        final String message = text(transfer, "message");
        return switch (state(transfer))
        {
            case COMMITTED -> committedSummary(transfer);
            case FAILED -> "failed: " + joinNonNull(": ", failedTargets(transfer, reason), message);
            case CANCELLED -> "cancelled" + (reason == null && message == null ? "" :
                ": " + joinNonNull(": ", reason, message));
            default -> progressLine(transfer);
        };
    }

    /**
     * The overall state of a transfer.
     *
     * @param transfer one transfer document.
     * @return the state.
     * @throws CliException if the daemon reports a state this CLI does not know.
     */
    public static TransferState state(final JsonNode transfer)
    {
        final String state = text(transfer, "state");
        for (final TransferState value : TransferState.values())
        {
            if (value.name().equals(state))
            {
                return value;
            }
        }
        throw new CliException(ExitCodes.FAILED, "transfer " + text(transfer, "id") + " is in state " + state +
            ", which this ferry CLI " + FerryVersion.version() + " does not know; use a CLI as new as ferryd");
    }

    /**
     * Each target with its state, e.g. {@code west:SENDING,north:QUEUED}.
     *
     * @param transfer  one transfer document.
     * @param separator text between targets.
     * @return the list.
     */
    public static String targets(final JsonNode transfer, final String separator)
    {
        final List<String> targets = new ArrayList<>();
        for (final JsonNode target : transfer.path("targets"))
        {
            targets.add(text(target, "hub") + ":" + text(target, "state"));
        }
        return String.join(separator, targets);
    }

    /**
     * A text field, or null when it is absent or JSON null.
     *
     * @param node  a JSON object.
     * @param field field name.
     * @return the text or null.
     */
    public static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String progressFigures(final JsonNode transfer)
    {
        final long done = transfer.path("bytes_done").asLong();
        final long total = transfer.path("bytes_total").asLong();
        if (isScanning(transfer))
        {
            return "scanning source  " + targets(transfer, " ");
        }
        return Formats.percent(done, total) + "  " + Formats.bytes(done) + "/" + Formats.bytes(total) + "  " +
            Formats.rate(transfer.path("rate_bps").asLong()) + "  " + targets(transfer, " ");
    }

    private static boolean isScanning(final JsonNode transfer)
    {
        return state(transfer) == TransferState.QUEUED && transfer.path("files_total").asLong() == 0;
    }

    private static String committedSummary(final JsonNode transfer)
    {
        final List<String> hubs = new ArrayList<>();
        transfer.path("targets").forEach(target -> hubs.add(text(target, "hub")));
        final long bytes = transfer.path("bytes_total").asLong();
        final long elapsedMs = transfer.path("updated_ms").asLong() - transfer.path("created_ms").asLong();
        final String rate = elapsedMs > 0 ? " (" + Formats.rate(bytes * 1000 / elapsedMs) + ")" : "";
        return "committed to " + String.join(",", hubs) + ": " + Formats.bytes(bytes) + " in " +
            Formats.seconds(Math.max(0, elapsedMs)) + rate;
    }

    private static String failedTargets(final JsonNode transfer, final String reason)
    {
        final List<String> failed = new ArrayList<>();
        for (final JsonNode target : transfer.path("targets"))
        {
            if (TransferState.FAILED.name().equals(text(target, "state")))
            {
                failed.add(joinNonNull(": ", text(target, "hub"), text(target, "reason")));
            }
        }
        if (failed.isEmpty())
        {
            return reason == null ? "no reason given" : reason;
        }
        return String.join(", ", failed);
    }

    private static String joinNonNull(final String separator, final String... parts)
    {
        final List<String> present = new ArrayList<>();
        for (final String part : parts)
        {
            if (part != null)
            {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }
}
