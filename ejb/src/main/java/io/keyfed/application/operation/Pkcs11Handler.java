package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.Pkcs11Contexts;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.Pkcs11Request;
import io.keyfed.kmip.payload.Pkcs11Response;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.PKCS11Function;
import io.keyfed.kmip.spec.PKCS11ReturnCode;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PKCS#11 (KMIP 2.0 and 2.1 §6.1.37): the server performs a PKCS#11 function for the client and
 * returns its CK_RV as the PKCS#11 Return Code. Keyfed is a KMIP server, not a token: it
 * implements the library-level functions, and answers every other one as a PKCS#11 library
 * without that function would.
 *
 * <ul>
 *   <li>C_Initialize opens a PKCS#11 context for the client ({@link Pkcs11Contexts}) and returns
 *       its Correlation Value, which the client sends with every later function. The
 *       CK_C_INITIALIZE_ARGS in the Input Parameters (mutex callbacks, threading flags) concern
 *       the caller's process and do not change the server's own locking; they are not
 *       interpreted. C_Initialize with the Correlation Value of an open context:
 *       CRYPTOKI_ALREADY_INITIALIZED.
 *   <li>C_GetInfo returns CK_INFO as the OASIS test cases encode it (PKCS11-M-1-20/21): version
 *       (2 bytes), manufacturerID (32 bytes, blank padded), flags (a CK_ULONG, 8 bytes,
 *       big-endian like TTLV), libraryDescription (32), libraryVersion (2): 76 bytes.
 *   <li>C_Finalize closes the context.
 *   <li>Any other function: CRYPTOKI_NOT_INITIALIZED without an open context, otherwise
 *       FUNCTION_NOT_SUPPORTED (Keyfed holds no slots or tokens to reach through PKCS#11; its keys
 *       are reached with the KMIP operations).
 * </ul>
 *
 * <p>Result Reasons (the KMIP operation fails): PKCS#11 Invalid Function (a PKCS#11 Function value
 * KMIP does not define), PKCS#11 Invalid Interface (a PKCS#11 Interface other than {@value
 * #INTERFACE}), Invalid Message (no PKCS#11 Function).
 */
@Stateless
@Local(OperationHandler.class)
public class Pkcs11Handler implements OperationHandler {

  /** The PKCS#11 interface name (PKCS#11 v3.0 C_GetInterface), the only one offered. */
  public static final String INTERFACE = "PKCS 11";

  /** CK_INFO.cryptokiVersion: the PKCS#11 2.40 function set (the first 68 PKCS#11 Function values). */
  static final byte[] CRYPTOKI_VERSION = {2, 40};
  static final String MANUFACTURER = "Keyfed";
  static final String DESCRIPTION = "Keyfed KMIP server PKCS#11";
  static final byte[] LIBRARY_VERSION = {1, 0};

  @Inject
  Pkcs11Contexts contexts;

  @Override
  public Operation operation() {
    return Operation.PKCS_11;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    Pkcs11Request req = Pkcs11Request.decode(requestPayload);
    PKCS11Function function = PKCS11Function.fromValue(req.function());
    if (function == null) {
      throw new KmipException(ResultReason.PKCS_11_INVALID_FUNCTION,
          String.format("PKCS#11 Function 0x%08X is not defined", req.function()));
    }
    if (req.pkcs11Interface() != null && !req.pkcs11Interface().equals(INTERFACE)) {
      throw new KmipException(ResultReason.PKCS_11_INVALID_INTERFACE,
          "PKCS#11 Interface '" + req.pkcs11Interface() + "' is not offered; this server offers '" + INTERFACE + "'");
    }
    String client = ctx.client().name();
    byte[] cv = req.correlationValue();
    return switch (function) {
      case C_INITIALIZE -> contexts.use(client, cv, ctx.now())
          ? answer(req, null, null, PKCS11ReturnCode.CRYPTOKI_ALREADY_INITIALIZED)
          : answer(req, contexts.open(client, ctx.now()), null, PKCS11ReturnCode.OK);
      case C_FINALIZE -> contexts.close(client, cv, ctx.now())
          ? answer(req, null, null, PKCS11ReturnCode.OK)
          : answer(req, null, null, PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
      case C_GETINFO -> contexts.use(client, cv, ctx.now())
          ? answer(req, null, info(), PKCS11ReturnCode.OK)
          : answer(req, null, null, PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
      default -> contexts.use(client, cv, ctx.now())
          ? answer(req, null, null, PKCS11ReturnCode.FUNCTION_NOT_SUPPORTED)
          : answer(req, null, null, PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
    };
  }

  private static Ttlv answer(Pkcs11Request req, byte[] correlationValue, byte[] output, PKCS11ReturnCode rv) {
    return new Pkcs11Response(req.pkcs11Interface(), req.function(), correlationValue, output, rv).encode();
  }

  /** CK_INFO of this server (see the class comment for the layout). */
  static byte[] info() {
    ByteArrayOutputStream b = new ByteArrayOutputStream(76);
    b.writeBytes(CRYPTOKI_VERSION);
    b.writeBytes(blankPadded(MANUFACTURER, 32));
    b.writeBytes(new byte[8]); // flags: none are defined for CK_INFO
    b.writeBytes(blankPadded(DESCRIPTION, 32));
    b.writeBytes(LIBRARY_VERSION);
    return b.toByteArray();
  }

  /** A PKCS#11 fixed-length UTF-8 character field: padded with blanks, never NUL-terminated. */
  static byte[] blankPadded(String s, int length) {
    byte[] text = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) ' ');
    System.arraycopy(text, 0, out, 0, Math.min(text.length, length));
    return out;
  }
}
