/**
 * HTTP bootstrap and the request path: the {@link dev.portcullis.server.Pipeline} of stages every inference call
 * runs through, the {@link dev.portcullis.server.ResponseRelay} that alone writes answers and errors, and the call
 * state the stages share.
 */
package dev.portcullis.server;
