package io.ferry.transport;

/**
 * How frames after the handshake are protected; every mode authenticates every frame.
 */
public enum Encryption
{
    /** AES-256-GCM: frames are encrypted and authenticated. */
    AES_256_GCM("aes-256-gcm", 1),
    /** No confidentiality, but every frame still carries an HMAC-SHA256 tag (truncated to 128 bits). */
    NONE("none", 2);

    private final String configName;
    private final long capability;

    Encryption(final String configName, final long capability)
    {
        this.configName = configName;
        this.capability = capability;
    }

    /**
     * Name used in the configuration file.
     *
     * @return e.g. {@code aes-256-gcm}.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * Capability bit announced in the signed handshake, so that hubs with different modes refuse each other.
     *
     * @return bit mask.
     */
    long capability()
    {
        return capability;
    }

    /**
     * The mode with a configuration name.
     *
     * @param configName e.g. {@code none}.
     * @return the mode, or null if no mode has that name.
     */
    public static Encryption fromConfigName(final String configName)
    {
        for (final Encryption encryption : values())
        {
            if (encryption.configName.equals(configName))
            {
                return encryption;
            }
        }
        return null;
    }
}
