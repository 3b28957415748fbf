package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Hash response: the hash as Data (at the end of a stream), the Correlation Value. */
public record HashResponse(byte[] data, byte[] correlationValue) {

  public static HashResponse decode(Ttlv p) {
    return new HashResponse(CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(2);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    return Payloads.response(c);
  }
}
