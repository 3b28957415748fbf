package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** MAC request (KMIP 1.4 §4.33, 2.1 §6.1): the key, optional Cryptographic Parameters, the Data, the streaming fields. */
public record MacRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data, StreamFields stream) {

  public static MacRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new MacRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), StreamFields.decode(p));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(6);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    return Payloads.request(c);
  }
}
