package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/**
 * The fields of a streamed ("by-parts") cryptographic request (KMIP 1.3+ §2.1.29–2.1.31, 2.1
 * §7.4): Correlation Value, Init Indicator, Final Indicator, each optional. Encrypt, Decrypt,
 * Sign, Signature Verify, MAC, MAC Verify and Hash carry them.
 */
public record StreamFields(byte[] correlationValue, Boolean initIndicator, Boolean finalIndicator) {

  public static final StreamFields NONE = new StreamFields(null, null, null);

  public static StreamFields decode(Ttlv p) {
    return new StreamFields(CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE),
        Fields.optionalBool(p, Tag.INIT_INDICATOR), Fields.optionalBool(p, Tag.FINAL_INDICATOR));
  }

  public static StreamFields init() {
    return new StreamFields(null, true, null);
  }

  public static StreamFields next(byte[] correlationValue) {
    return new StreamFields(correlationValue, null, null);
  }

  public static StreamFields last(byte[] correlationValue) {
    return new StreamFields(correlationValue, null, true);
  }

  void addTo(List<Ttlv> c) {
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    if (initIndicator != null) {
      c.add(Ttlv.bool(Tag.INIT_INDICATOR, initIndicator));
    }
    if (finalIndicator != null) {
      c.add(Ttlv.bool(Tag.FINAL_INDICATOR, finalIndicator));
    }
  }
}
