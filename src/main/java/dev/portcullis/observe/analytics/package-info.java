/**
 * Analytics over the request log: per-minute rollups written with the log rows, and the summaries, time series and
 * groupings read from them (or from the rows, for metadata), with percentiles from mergeable histograms.
 */
package dev.portcullis.observe.analytics;
