package io.ferry.transport;

/**
 * Per-peer transport counters, allocated as Aeron counters so that they show in AeronStat and /metrics.
 */
public enum TransportCounter
{
    BYTES_SENT(1, "ferry_link_sent_bytes_total", "data payload bytes sent"),
    FRAMES_SENT(2, "ferry_link_sent_frames_total", "data frames sent"),
    BYTES_RECEIVED(3, "ferry_link_received_bytes_total", "data payload bytes received"),
    FRAMES_RECEIVED(4, "ferry_link_received_frames_total", "data frames received"),
    BACK_PRESSURE(5, "ferry_link_back_pressure_total", "offers refused by back pressure or admin action"),
    CRC_DROPS(6, "ferry_link_crc_drops_total", "data frames dropped for a CRC32C mismatch"),
    CONTROL_SENT(7, "ferry_link_control_sent_total", "control messages sent"),
    CONTROL_RECEIVED(8, "ferry_link_control_received_total", "control messages received"),
    LINK_UPS(9, "ferry_link_up_transitions_total", "handshakes completed"),
    LINK_DOWNS(10, "ferry_link_down_transitions_total", "links lost"),
    REPAIR_REQUESTED(11, "ferry_repair_frames_requested_total", "data frames this hub reported missing to the peer"),
    REPAIR_RESENT(12, "ferry_repair_frames_resent_total", "data frames resent to the peer because it reported them missing"),
    PACING_WAITS(13, "ferry_pacing_waits_total", "frames the pacer held back until its tokens refilled"),
    DATA_DISCARDED(14, "ferry_link_data_discarded_total",
        "data frames received but not used: duplicates, off the chunk grid, or of an unknown or finished transfer"),
    PONGS_UNMATCHED(15, "ferry_link_pongs_unmatched_total",
        "pongs dropped because they answer no outstanding ping of this hub (unknown probe id or timestamp)"),
    PINGS_UNANSWERED(16, "ferry_link_pings_unanswered_total",
        "pings from the peer left unanswered: the pong would not fit one control frame, or the outbox was full"),
    RATE_DECREASES_DELAY(17, "ferry_link_rate_decreases_delay_total",
        "times the adaptive rate backed off on queueing delay"),
    RATE_DECREASES_LOSS(18, "ferry_link_rate_decreases_loss_total",
        "times the adaptive rate backed off on loss above the link's learned random loss");

    /** Aeron counter type id base for ferry counters. */
    public static final int TYPE_ID_BASE = 7421_000;

    private final int id;
    private final String metricName;
    private final String description;

    TransportCounter(final int id, final String metricName, final String description)
    {
        this.id = id;
        this.metricName = metricName;
        this.description = description;
    }

    /**
     * Aeron counter type id.
     *
     * @return type id.
     */
    public int typeId()
    {
        return TYPE_ID_BASE + id;
    }

    /**
     * Prometheus metric name.
     *
     * @return name.
     */
    public String metricName()
    {
        return metricName;
    }

    /**
     * One-line description for HELP text.
     *
     * @return description.
     */
    public String description()
    {
        return description;
    }
}
