package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.PKCS11ReturnCode;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The response payload of PKCS#11 (KMIP 2.0 and 2.1 §6.1.37), in the order of the OASIS test
 * cases PKCS11-M-1-20/21: PKCS#11 Interface (optional), PKCS#11 Function, Correlation Value
 * (optional: the server's handle on the PKCS#11 context, to be sent back), PKCS#11 Output
 * Parameters (optional), PKCS#11 Return Code (required: the CK_RV of the function).
 */
public record Pkcs11Response(String pkcs11Interface, int function, byte[] correlationValue, byte[] outputParameters,
    PKCS11ReturnCode returnCode) {

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    Payloads.addText(c, Tag.PKCS_11_INTERFACE, pkcs11Interface);
    c.add(Ttlv.enumeration(Tag.PKCS_11_FUNCTION, function));
    if (correlationValue != null) {
      c.add(Ttlv.bytes(Tag.CORRELATION_VALUE, correlationValue));
    }
    if (outputParameters != null) {
      c.add(Ttlv.bytes(Tag.PKCS_11_OUTPUT_PARAMETERS, outputParameters));
    }
    c.add(Ttlv.enumeration(Tag.PKCS_11_RETURN_CODE, returnCode));
    return Payloads.response(c);
  }

  public static Pkcs11Response decode(Ttlv payload) {
    Ttlv p = Fields.structure(payload);
    Ttlv cv = p.child(Tag.CORRELATION_VALUE);
    Ttlv out = p.child(Tag.PKCS_11_OUTPUT_PARAMETERS);
    Ttlv fn = p.child(Tag.PKCS_11_FUNCTION);
    return new Pkcs11Response(Fields.optionalText(p, Tag.PKCS_11_INTERFACE), fn == null ? 0 : Fields.enumerationValue(fn),
        cv == null ? null : Fields.bytes(cv), out == null ? null : Fields.bytes(out),
        Fields.enumeration(Fields.required(p, Tag.PKCS_11_RETURN_CODE), PKCS11ReturnCode::fromValue));
  }
}
