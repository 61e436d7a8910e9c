package dev.portcullis.observe;

/**
 * Who made an admin change and from where.
 *
 * @param type {@code api_key} (admin API), {@code cli} (a command on the server), or {@code system} (the gateway
 *     itself, e.g. the bootstrap key at start-up)
 * @param id the key id or OS user, or null
 * @param name a readable name, or null
 * @param sourceIp the caller's address for the admin API, else null
 */
public record AuditActor(String type, String id, String name, String sourceIp) {

  public static AuditActor apiKey(String keyId, String keyName, String sourceIp) {
    return new AuditActor("api_key", keyId, keyName, sourceIp);
  }

  public static AuditActor cli(String osUser) {
    return new AuditActor("cli", osUser, osUser, null);
  }

  public static AuditActor system() {
    return new AuditActor("system", null, "portcullis", null);
  }
}
