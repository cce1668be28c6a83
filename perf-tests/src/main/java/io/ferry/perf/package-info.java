/**
 * Performance measurements of ferry: the JMH send-path benchmark and the end-to-end throughput harness that measures
 * ferry against Aeron's own throughput sample and rsync in one run.
 */
package io.ferry.perf;
