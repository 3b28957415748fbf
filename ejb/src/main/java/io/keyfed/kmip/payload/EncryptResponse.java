package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypt response: the key's Unique Identifier, the Data (absent from a streamed part that has
 * no output yet), the IV/Counter/Nonce the server generated, the Correlation Value of an open
 * stream, and the Authenticated Encryption Tag at the end of an AEAD encryption.
 */
public record EncryptResponse(String uniqueIdentifier, byte[] data, byte[] ivCounterNonce, byte[] correlationValue,
    byte[] authenticatedEncryptionTag) {

  public static EncryptResponse decode(Ttlv p) {
    return new EncryptResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), CryptoPayloads.optionalBytes(p, Tag.DATA),
        CryptoPayloads.optionalBytes(p, Tag.IV_COUNTER_NONCE), CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE),
        CryptoPayloads.optionalBytes(p, Tag.AUTHENTICATED_ENCRYPTION_TAG));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.IV_COUNTER_NONCE, ivCounterNonce);
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    CryptoPayloads.addBytes(c, Tag.AUTHENTICATED_ENCRYPTION_TAG, authenticatedEncryptionTag);
    return Payloads.response(c);
  }
}
