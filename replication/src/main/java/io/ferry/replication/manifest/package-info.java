/**
 * Manifests: the ordered, hashed list of files and directories that identifies one version of a dataset, how it is
 * built from a directory tree, and how it is encoded for and validated from the wire.
 */
package io.ferry.replication.manifest;
