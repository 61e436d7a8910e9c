package dev.portcullis.keys;

/** The database refused or failed an operation on keys; the message says which, never with a secret. */
public final class StoreFailure extends RuntimeException {

  StoreFailure(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
