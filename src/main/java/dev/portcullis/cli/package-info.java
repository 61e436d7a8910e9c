/** Command-line entry points: serve, keys, workspaces, virtual keys, audit, vault, the mock upstream. */
package dev.portcullis.cli;
