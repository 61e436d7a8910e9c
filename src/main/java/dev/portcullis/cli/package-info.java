/** Command-line entry points: serve, keys, virtual keys, the mock upstream. */
package dev.portcullis.cli;
