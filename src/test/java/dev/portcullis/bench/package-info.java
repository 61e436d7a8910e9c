/** Load clients the scripts under {@code bench/} run against a live gateway; not unit tests. */
package dev.portcullis.bench;
