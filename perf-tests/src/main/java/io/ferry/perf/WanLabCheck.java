package io.ferry.perf;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Figures of a WAN lab self-check, as lab.sh wrote them to check.json and printed them.
 *
 * @param figures check.json: rtt_avg_ms, rtt_error_percent, loss_a_to_b_percent, loss_b_to_a_percent, tcp_bps,
 *                tcp_ratio, ok and more.
 * @param text    the lines lab.sh printed.
 */
public record WanLabCheck(JsonNode figures, String text)
{
    /**
     * Whether every figure was within tolerance.
     *
     * @return true when the link is as set.
     */
    public boolean ok()
    {
        return figures.path("ok").asBoolean(false);
    }
}
