package dev.portcullis.cache;

/** How a cache matches a request to a stored answer. */
public enum CacheMode {
  /** The request must be the same as the stored one in everything that determines the answer. */
  SIMPLE,
  /** A request that asks the same thing in other words may be answered too (embedding similarity). */
  SEMANTIC
}
