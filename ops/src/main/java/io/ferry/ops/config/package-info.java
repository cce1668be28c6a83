/**
 * The TOML configuration of {@code ferryd}: typed records, their parser and the checks against this machine.
 */
package io.ferry.ops.config;
