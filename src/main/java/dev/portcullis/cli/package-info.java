/** Command-line subcommands of the {@code portcullis} launcher, one class per command. */
package dev.portcullis.cli;
