package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Decrypt request (KMIP 1.4 §4.30, 2.1 §6.1): as Encrypt, plus the Authenticated Encryption Tag
 * (1.4+) of an AEAD ciphertext.
 */
public record DecryptRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data, byte[] ivCounterNonce,
    StreamFields stream, byte[] authenticatedEncryptionAdditionalData, byte[] authenticatedEncryptionTag) {

  public static DecryptRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new DecryptRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.IV_COUNTER_NONCE),
        StreamFields.decode(p), CryptoPayloads.optionalBytes(p, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA),
        CryptoPayloads.optionalBytes(p, Tag.AUTHENTICATED_ENCRYPTION_TAG));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(9);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.IV_COUNTER_NONCE, ivCounterNonce);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    CryptoPayloads.addBytes(c, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, authenticatedEncryptionAdditionalData);
    CryptoPayloads.addBytes(c, Tag.AUTHENTICATED_ENCRYPTION_TAG, authenticatedEncryptionTag);
    return Payloads.request(c);
  }
}
