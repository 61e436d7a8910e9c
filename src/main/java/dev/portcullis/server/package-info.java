/**
 * HTTP bootstrap, routes, the request path (passthrough and translated calls to providers) and the one place errors
 * are rendered.
 */
package dev.portcullis.server;
