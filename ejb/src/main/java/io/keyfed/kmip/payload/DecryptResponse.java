package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Decrypt response: the key's Unique Identifier, the Data (absent while a stream has no output yet), the Correlation Value. */
public record DecryptResponse(String uniqueIdentifier, byte[] data, byte[] correlationValue) {

  public static DecryptResponse decode(Ttlv p) {
    return new DecryptResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), CryptoPayloads.optionalBytes(p, Tag.DATA),
        CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    return Payloads.response(c);
  }
}
