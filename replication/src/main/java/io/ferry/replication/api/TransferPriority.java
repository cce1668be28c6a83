package io.ferry.replication.api;

/**
 * Scheduling class of a transfer: HIGH before NORMAL before BULK, by weight rather than by starvation.
 */
public enum TransferPriority
{
    HIGH,
    NORMAL,
    BULK;

    /**
     * Lower-case name used in the API and CLI.
     *
     * @return the external name.
     */
    public String externalName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
