package dev.portcullis.provider;

import dev.portcullis.error.GatewayException;
import java.util.Map;

/**
 * What a provider's credential fields must say together that a field table cannot (AWS needs a key pair or a role;
 * a Vertex service account must be one): throws {@link GatewayException.BadRequest} naming the field.
 */
@FunctionalInterface
public interface CredentialCheck {

  CredentialCheck NONE = values -> {};

  void check(Map<String, String> values);
}
