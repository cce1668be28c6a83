/**
 * The ferryd HTTP API on Netty: routing, bearer-token authentication, JSON mapping and Prometheus metrics.
 */
package io.ferry.ops.api;
