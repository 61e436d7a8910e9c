/** The gateway's injected clock: wall-clock timestamps and monotonic durations from one source. */
package dev.portcullis.time;
