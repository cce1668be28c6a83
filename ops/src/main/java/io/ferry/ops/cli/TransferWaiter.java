package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Polls a transfer until it reaches a terminal state, showing progress as a redrawn bar on a terminal and as plain
 * lines otherwise.
 */
public final class TransferWaiter
{
    private static final long POLL_INTERVAL_MS = 250;
    private static final long PLAIN_PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);

    private final ApiClient client;
    private final PrintWriter out;
    private final boolean interactive;
    private final boolean quiet;
    private String lastState;
    private long lastBytesDone = -1;
    private long lastPrintNs;
    private int lastBarLength;

    /**
     * A waiter printing to a stream.
     *
     * @param client      client of ferryd.
     * @param out         where progress goes.
     * @param interactive whether {@code out} is a terminal, so the bar can be redrawn with a carriage return.
     * @param quiet       whether to print no progress at all, e.g. when the caller wants JSON only.
     */
    public TransferWaiter(final ApiClient client, final PrintWriter out, final boolean interactive, final boolean quiet)
    {
        this.client = client;
        this.out = out;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    /**
     * Wait until a transfer is committed, failed or cancelled.
     *
     * @param submitted the transfer as last seen.
     * @return the transfer in its terminal state.
     */
    public JsonNode await(final JsonNode submitted)
    {
        final String id = TransferText.text(submitted, "id");
        final String path = ApiClient.transferPath(id);
        JsonNode transfer = submitted;
        show(transfer);
        while (!TransferText.state(transfer).isTerminal())
        {
            pause(id);
            transfer = client.get(path);
            show(transfer);
        }
        if (interactive && !quiet)
        {
            out.println();
            out.flush();
        }
        return transfer;
    }

    private void show(final JsonNode transfer)
    {
        if (quiet)
        {
            return;
        }
        if (interactive)
        {
            final String bar = TransferText.progressBar(transfer);
            out.print("\r" + bar + " ".repeat(Math.max(0, lastBarLength - bar.length())));
            out.flush();
            lastBarLength = bar.length();
            return;
        }
        final String state = TransferText.text(transfer, "state");
        final long bytesDone = transfer.path("bytes_done").asLong();
        final long nowNs = System.nanoTime();
        final boolean stateChanged = !Objects.equals(state, lastState);
        final boolean progressDue = bytesDone != lastBytesDone && nowNs - lastPrintNs >= PLAIN_PROGRESS_INTERVAL_NS;
        if (stateChanged || progressDue)
        {
            out.println(TransferText.progressLine(transfer));
            out.flush();
            lastState = state;
            lastBytesDone = bytesDone;
            lastPrintNs = nowNs;
        }
    }

    private static void pause(final String id)
    {
        try
        {
            Thread.sleep(POLL_INTERVAL_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while waiting for " + id +
                "; the transfer goes on in ferryd, follow it with ferry show " + id);
        }
    }
}
