package dev.portcullis.routing.config;

/** Where a {@link CircuitBreaker} stands. */
public enum CircuitState {
  /** Calls flow; outcomes are counted. */
  CLOSED,
  /** The target failed too often; it is skipped until the cooldown has passed. */
  OPEN,
  /** The cooldown has passed; one probe call decides between closing and opening again. */
  HALF_OPEN
}
