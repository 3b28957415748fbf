package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypt request (KMIP 1.4 §4.29, 2.1 §6.1): the key (ID Placeholder when absent), optional
 * Cryptographic Parameters, the Data, IV/Counter/Nonce, the streaming fields, and Authenticated
 * Encryption Additional Data (1.4+).
 */
public record EncryptRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data, byte[] ivCounterNonce,
    StreamFields stream, byte[] authenticatedEncryptionAdditionalData) {

  public static EncryptRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new EncryptRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.IV_COUNTER_NONCE),
        StreamFields.decode(p), CryptoPayloads.optionalBytes(p, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(8);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.IV_COUNTER_NONCE, ivCounterNonce);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    CryptoPayloads.addBytes(c, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, authenticatedEncryptionAdditionalData);
    return Payloads.request(c);
  }
}
