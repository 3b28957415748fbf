package io.keyfed.application;

/**
 * A sealer that only copies: for handler tests that look at stored bytes, and the "without" of
 * the at-rest cost benchmark (src/bench). Never used by the server.
 */
public final class CopyingSealer implements ObjectSealer {

  @Override
  public byte[] seal(String uniqueIdentifier, byte[] plaintext) {
    return plaintext.clone();
  }

  @Override
  public byte[] unseal(String uniqueIdentifier, byte[] sealed) {
    return sealed.clone();
  }

  @Override
  public String currentKeyId() {
    return "0000000000000000";
  }
}
