/**
 * The {@code ferry} command line: talks to the local ferryd over its HTTP API and prints tables, details and progress.
 */
package io.ferry.ops.cli;
