/**
 * The replication service as seen by its callers (the HTTP API, the CLI, tests): requests, immutable snapshots, errors.
 */
package io.ferry.replication.api;
