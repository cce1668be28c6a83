package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * The {@code [hub]} table: who this hub is and where it keeps its state.
 *
 * @param id          the hub id peers know it by, matching {@code [a-z0-9][a-z0-9-]{0,31}}.
 * @param dataDir     absolute directory for ferry's own state (journal, staging).
 * @param identityKey the Ed25519 identity key file with mode 0600, or null when none is configured.
 * @param hashThreads threads that hash a source's chunks before it is offered, 0 for one per processor.
 */
public record HubConfig(String id, Path dataDir, Path identityKey, int hashThreads)
{
}
