/**
 * Aeron wiring between hubs: the embedded media driver, one link per peer with control and data streams,
 * the handshake, liveness, the zero-copy data send path and transport counters.
 */
package io.ferry.transport;
