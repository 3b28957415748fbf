package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Sign request (KMIP 1.4 §4.31, 2.1 §6.1): the private key, optional Cryptographic Parameters,
 * Data or (1.4+) Digested Data, and the streaming fields.
 */
public record SignRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data, byte[] digestedData,
    StreamFields stream) {

  public static SignRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new SignRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.DIGESTED_DATA), StreamFields.decode(p));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(7);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.DIGESTED_DATA, digestedData);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    return Payloads.request(c);
  }
}
