/**
 * What happens to every call, heard and kept: the request listener and its events, the request record and the log
 * it is written to in batches, metrics, and the hash-chained audit trail.
 */
package dev.portcullis.observe;
