/** HTTP bootstrap, routes, the passthrough forwarder and the one place errors are rendered. */
package dev.portcullis.server;
