package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Signature Verify request (KMIP 1.4 §4.32, 2.1 §6.1): the public key, optional Cryptographic
 * Parameters, Data or Digested Data, the Signature Data, and the streaming fields.
 */
public record SignatureVerifyRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data,
    byte[] digestedData, byte[] signatureData, StreamFields stream) {

  public static SignatureVerifyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new SignatureVerifyRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.DIGESTED_DATA),
        CryptoPayloads.optionalBytes(p, Tag.SIGNATURE_DATA), StreamFields.decode(p));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(8);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.DIGESTED_DATA, digestedData);
    CryptoPayloads.addBytes(c, Tag.SIGNATURE_DATA, signatureData);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    return Payloads.request(c);
  }
}
