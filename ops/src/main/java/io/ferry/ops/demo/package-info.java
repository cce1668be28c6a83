/**
 * {@code ferry demo}: two hubs on loopback, a generated dataset replicated through the API and verified.
 */
package io.ferry.ops.demo;
