package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The request payload of PKCS#11 (KMIP 2.0 and 2.1 §6.1.37, PKCS#11 operation): PKCS#11 Interface
 * (optional Text String), PKCS#11 Function (required Enumeration, kept as its raw value so that
 * an undefined function can be answered as such), Correlation Value (optional Byte String, the
 * one an earlier response returned), PKCS#11 Input Parameters (optional Byte String).
 */
public record Pkcs11Request(String pkcs11Interface, int function, byte[] correlationValue, byte[] inputParameters) {

  public static Pkcs11Request decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv cv = p.child(Tag.CORRELATION_VALUE);
    Ttlv in = p.child(Tag.PKCS_11_INPUT_PARAMETERS);
    return new Pkcs11Request(Fields.optionalText(p, Tag.PKCS_11_INTERFACE),
        Fields.enumerationValue(Fields.required(p, Tag.PKCS_11_FUNCTION)),
        cv == null ? null : Fields.bytes(cv), in == null ? null : Fields.bytes(in));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(4);
    Payloads.addText(c, Tag.PKCS_11_INTERFACE, pkcs11Interface);
    c.add(Ttlv.enumeration(Tag.PKCS_11_FUNCTION, function));
    if (correlationValue != null) {
      c.add(Ttlv.bytes(Tag.CORRELATION_VALUE, correlationValue));
    }
    if (inputParameters != null) {
      c.add(Ttlv.bytes(Tag.PKCS_11_INPUT_PARAMETERS, inputParameters));
    }
    return Payloads.request(c);
  }
}
