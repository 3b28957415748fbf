package io.keyfed.application;

/**
 * Seals a managed object's content for storage and unseals it on use. The implementation encrypts
 * under the server's master key, binding each ciphertext to its object's Unique Identifier so that
 * sealed content cannot be moved from one object to another in the database.
 */
public interface ObjectSealer {

  byte[] seal(String uniqueIdentifier, byte[] plaintext);

  byte[] unseal(String uniqueIdentifier, byte[] sealed);

  /** Fingerprint of the master key that seals now (see {@link io.keyfed.domain.object.SealedContent}). */
  String currentKeyId();
}
