package dev.portcullis.observe;

/**
 * One provider attempt as listeners see it when it starts; {@link #putHeader} adds a header to the request about to
 * be sent (a trace context, for example).
 */
public interface AttemptView {

  /** 0 for the call's first attempt, counting every retry and fallback. */
  int index();

  /** The config option the attempt runs under ({@code config.targets[1]}), or null for a call without a config. */
  String option();

  String provider();

  /** The model as sent to the provider, or null. */
  String model();

  /** The virtual key's slug, or null. */
  String virtualKey();

  /** The credential this attempt spends, as breakers and health scores key targets (never the secret). */
  String targetKey();

  void putHeader(String name, String value);
}
