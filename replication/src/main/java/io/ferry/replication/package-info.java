/**
 * The replication engine: source and target state machines, staging, verification and atomic publication,
 * run on Agrona agents, exposed to callers through {@link io.ferry.replication.api.ReplicationService}.
 */
package io.ferry.replication;
