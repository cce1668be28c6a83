/**
 * ferryd: wiring a validated configuration into a running hub and its HTTP API, and shutting it down cleanly.
 */
package io.ferry.ops.daemon;
