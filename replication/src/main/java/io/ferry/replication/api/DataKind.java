package io.ferry.replication.api;

/**
 * What a transfer carries: a bulk dataset version or a training checkpoint.
 */
public enum DataKind
{
    DATASET,
    CHECKPOINT;

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
