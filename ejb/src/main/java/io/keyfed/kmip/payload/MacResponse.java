package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** MAC response: the key's Unique Identifier, the MAC Data (at the end of a stream), the Correlation Value. */
public record MacResponse(String uniqueIdentifier, byte[] macData, byte[] correlationValue) {

  public static MacResponse decode(Ttlv p) {
    return new MacResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        CryptoPayloads.optionalBytes(p, Tag.MAC_DATA), CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    CryptoPayloads.addBytes(c, Tag.MAC_DATA, macData);
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    return Payloads.response(c);
  }
}
