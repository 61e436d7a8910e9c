/**
 * Wire formats shared by both sides of the gateway: which formats exist ({@link dev.portcullis.wire.Dialect}), and
 * the OpenAI format's codecs, spoken by OpenAI clients (the inbound dialect) and OpenAI-format providers alike.
 */
package dev.portcullis.wire;
