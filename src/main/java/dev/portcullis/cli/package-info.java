/**
 * Command-line entry points: serve, keys, workspaces, virtual keys, audit, vault, the mock upstream, and the
 * training run the launcher records its AOT cache from.
 */
package dev.portcullis.cli;
