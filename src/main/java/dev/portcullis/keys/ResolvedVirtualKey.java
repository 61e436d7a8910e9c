package dev.portcullis.keys;

/** A virtual key with its decrypted provider credential, held in memory only. */
public record ResolvedVirtualKey(VirtualKey key, String credential) {

  @Override
  public String toString() {
    return "ResolvedVirtualKey[" + key + ", credential=***]";
  }
}
