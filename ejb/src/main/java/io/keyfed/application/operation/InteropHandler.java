package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.InteropFunction;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import java.util.List;

/**
 * Interop (KMIP 2.1 §6.1.29): a client tells the server that an interoperability test case
 * begins, ends or is reset (the Baseline test cases BL-M-x-21 open and close with it). Keyfed
 * keeps no per-test-case state, so each function is acknowledged with an empty payload. Result
 * Reasons: Invalid Field (no or an unknown Interop Function, no Interop Identifier).
 */
@Stateless
@Local(OperationHandler.class)
public class InteropHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.INTEROP;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    Ttlv function = requestPayload == null ? null : requestPayload.child(Tag.INTEROP_FUNCTION);
    if (function == null || InteropFunction.fromValue(function.asInt()) == null) {
      throw KmipException.invalidField("Interop needs an Interop Function (Begin, End or Reset)");
    }
    if (requestPayload.child(Tag.INTEROP_IDENTIFIER) == null) {
      throw KmipException.invalidField("Interop needs an Interop Identifier");
    }
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, List.of());
  }
}
