package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.createAes;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.QuantumSafety;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.LogRequest;
import io.keyfed.kmip.payload.Pkcs11Request;
import io.keyfed.kmip.payload.Pkcs11Response;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.PKCS11Function;
import io.keyfed.kmip.spec.PKCS11ReturnCode;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Log, PKCS#11, Object Not Found and the Quantum Safe attribute (KMIP 2.0/2.1). */
class Kmip2OperationsTest {

  private final Handlers h = new Handlers();
  private static final KmipVersion V = KmipVersion.V2_1;

  // ---- Log -----------------------------------------------------------------------------------

  @Test
  void logAnswersAnEmptyPayload() {
    Ttlv r = h.log.handle(new LogRequest("Registered a symmetric key.").encode(), context(V));
    assertTrue(r.is(Tag.RESPONSE_PAYLOAD));
    assertTrue(r.children().isEmpty());
  }

  @Test
  void logNeedsALogMessageAndAVersionThatHasIt() {
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.log.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD), context(V)));
    assertFails(ResultReason.INVALID_FIELD, () -> h.log.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.integer(Tag.LOG_MESSAGE, 1)), context(V)));
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED,
        h.run(Operation.LOG, new LogRequest("x").encode(), context(KmipVersion.V1_4)).reason());
    assertTrue(h.run(Operation.LOG, new LogRequest("x").encode(), context(KmipVersion.V2_0)).succeeded());
  }

  @Test
  void logMessagesCannotForgeLogLines() {
    assertEquals("a\\u000aclient x: b\\u000d", LogHandler.printable("a\nclient x: b\r"));
    String longer = "x".repeat(LogHandler.MAX_CHARS + 10);
    assertEquals(LogHandler.MAX_CHARS + "... (cut)".length(), LogHandler.printable(longer).length());
    assertEquals("ünïcødé ✓", LogHandler.printable("ünïcødé ✓"));
  }

  // ---- PKCS#11 -------------------------------------------------------------------------------

  private Pkcs11Response pkcs11(PKCS11Function f, byte[] cv, byte[] in, RequestContext ctx) {
    return Pkcs11Response.decode(h.pkcs11.handle(new Pkcs11Request(null, f.value(), cv, in).encode(), ctx));
  }

  @Test
  void initializeGetInfoFinalize() {
    RequestContext ctx = context(V);
    Pkcs11Response init = pkcs11(PKCS11Function.C_INITIALIZE, null, new byte[] {1}, ctx);
    assertEquals(PKCS11ReturnCode.OK, init.returnCode());
    assertEquals(PKCS11Function.C_INITIALIZE.value(), init.function());
    byte[] cv = init.correlationValue();
    assertNotNull(cv);
    assertEquals(16, cv.length);

    Pkcs11Response info = pkcs11(PKCS11Function.C_GETINFO, cv, null, ctx);
    assertEquals(PKCS11ReturnCode.OK, info.returnCode());
    assertNull(info.correlationValue());
    byte[] ck = info.outputParameters();
    assertEquals(76, ck.length, "CK_INFO: 2 + 32 + 8 + 32 + 2 bytes");
    assertArrayEquals(new byte[] {2, 40}, Arrays.copyOfRange(ck, 0, 2), "cryptokiVersion 2.40");
    assertEquals(String.format("%-32s", "Keyfed"), new String(ck, 2, 32, StandardCharsets.UTF_8));
    assertArrayEquals(new byte[8], Arrays.copyOfRange(ck, 34, 42), "flags");
    assertEquals(String.format("%-32s", "Keyfed KMIP server PKCS#11"), new String(ck, 42, 32, StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {1, 0}, Arrays.copyOfRange(ck, 74, 76));

    assertEquals(PKCS11ReturnCode.CRYPTOKI_ALREADY_INITIALIZED, pkcs11(PKCS11Function.C_INITIALIZE, cv, null, ctx).returnCode());
    assertEquals(PKCS11ReturnCode.FUNCTION_NOT_SUPPORTED, pkcs11(PKCS11Function.C_GETSLOTLIST, cv, null, ctx).returnCode());
    Pkcs11Response fin = pkcs11(PKCS11Function.C_FINALIZE, cv, null, ctx);
    assertEquals(PKCS11ReturnCode.OK, fin.returnCode());
    assertNull(fin.correlationValue());
    assertEquals(PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED, pkcs11(PKCS11Function.C_GETINFO, cv, null, ctx).returnCode());
    assertEquals(PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED, pkcs11(PKCS11Function.C_FINALIZE, cv, null, ctx).returnCode());
  }

  @Test
  void aContextBelongsToTheClientThatOpenedIt() {
    byte[] cv = pkcs11(PKCS11Function.C_INITIALIZE, null, null, context(V)).correlationValue();
    RequestContext bob = Handlers.context(Handlers.BOB, V);
    assertEquals(PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED, pkcs11(PKCS11Function.C_GETINFO, cv, null, bob).returnCode());
    assertEquals(PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED, pkcs11(PKCS11Function.C_FINALIZE, cv, null, bob).returnCode());
    assertEquals(PKCS11ReturnCode.CRYPTOKI_NOT_INITIALIZED, pkcs11(PKCS11Function.C_GETINFO, null, null, context(V)).returnCode());
    assertEquals(PKCS11ReturnCode.OK, pkcs11(PKCS11Function.C_GETINFO, cv, null, context(V)).returnCode());
  }

  @Test
  void undefinedFunctionsAndOtherInterfacesAreRefused() {
    assertFails(ResultReason.PKCS_11_INVALID_FUNCTION,
        () -> h.pkcs11.handle(new Pkcs11Request(null, 0x7FFF, null, null).encode(), context(V)));
    assertFails(ResultReason.PKCS_11_INVALID_INTERFACE, () -> h.pkcs11.handle(
        new Pkcs11Request("Vendor NSS", PKCS11Function.C_INITIALIZE.value(), null, null).encode(), context(V)));
    assertFails(ResultReason.INVALID_MESSAGE, () -> h.pkcs11.handle(Ttlv.structure(Tag.REQUEST_PAYLOAD), context(V)));
    Ttlv named = h.pkcs11.handle(new Pkcs11Request(Pkcs11Handler.INTERFACE, PKCS11Function.C_INITIALIZE.value(), null,
        null).encode(), context(V));
    assertEquals(Pkcs11Handler.INTERFACE, named.child(Tag.PKCS_11_INTERFACE).asText(), "the interface is echoed");
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, h.run(Operation.PKCS_11,
        new Pkcs11Request(null, PKCS11Function.C_INITIALIZE.value(), null, null).encode(), context(KmipVersion.V1_4)).reason());
  }

  // ---- Object Not Found ----------------------------------------------------------------------

  @Test
  void aMissingObjectIsObjectNotFoundIn2xAndItemNotFoundIn1x() {
    assertFails(ResultReason.OBJECT_NOT_FOUND, () -> h.get.handle(Requests.get("AAABBBCCC", null), context(V)));
    assertEquals(ResultReason.OBJECT_NOT_FOUND, h.run(Operation.GET, Requests.get("AAABBBCCC", null), context(KmipVersion.V2_0)).reason());
    assertEquals(ResultReason.ITEM_NOT_FOUND, h.run(Operation.GET, Requests.get("AAABBBCCC", null), context(KmipVersion.V1_4)).reason());
    assertEquals(ResultReason.ITEM_NOT_FOUND, h.run(Operation.ACTIVATE, Requests.uid("missing"), context(KmipVersion.V1_0)).reason());
  }

  // ---- Quantum Safe --------------------------------------------------------------------------

  private static Attribute quantumSafe(boolean b) {
    return Attribute.of(Tag.QUANTUM_SAFE, Ttlv.bool(Tag.QUANTUM_SAFE, b));
  }

  @Test
  void aQuantumSafeKeyMustBeQuantumSafe() {
    KmipException e = assertFails(ResultReason.GENERAL_FAILURE,
        () -> h.create.handle(createAes(V, 128, quantumSafe(true)), context(V)));
    assertTrue(e.getMessage().startsWith("NOT_SAFE"), e.getMessage());
    assertFails(ResultReason.GENERAL_FAILURE, () -> h.create.handle(createAes(V, 192, quantumSafe(true)), context(V)));
    String safe = uidOf(h.create.handle(createAes(V, 256, quantumSafe(true)), context(V)));
    assertEquals(true, h.repository.find(safe).attribute(Tag.QUANTUM_SAFE).asBoolean());
    uidOf(h.create.handle(createAes(V, 128, quantumSafe(false)), context(V)));
    assertEquals(ResultReason.GENERAL_FAILURE,
        h.run(Operation.CREATE, createAes(KmipVersion.V2_0, 128, quantumSafe(true)), context(KmipVersion.V2_0)).reason());
  }

  @Test
  void quantumSafeCannotBeSetOnAKeyThatIsNot() {
    String uid = uidOf(h.create.handle(createAes(V, 128), context(V)));
    ManagedObject o = h.repository.find(uid);
    assertFails(ResultReason.GENERAL_FAILURE, () -> o.setAttribute(quantumSafe(true), V, Handlers.NOW));
    assertFails(ResultReason.GENERAL_FAILURE, () -> o.addAttribute(quantumSafe(true), V, Handlers.NOW));
    assertNull(o.attribute(Tag.QUANTUM_SAFE));
    o.setAttribute(quantumSafe(false), V, Handlers.NOW);
    assertFails(ResultReason.GENERAL_FAILURE, () -> o.modifyAttribute(null, quantumSafe(true), V, Handlers.NOW));
    assertEquals(false, o.attribute(Tag.QUANTUM_SAFE).asBoolean());
  }

  @Test
  void whatIsQuantumSafe() {
    assertTrue(QuantumSafety.isQuantumSafe(CryptographicAlgorithm.AES, 256));
    assertTrue(QuantumSafety.isQuantumSafe(CryptographicAlgorithm.CHACHA20, 256));
    assertTrue(QuantumSafety.isQuantumSafe(CryptographicAlgorithm.HMAC_SHA512, 512));
    assertTrue(QuantumSafety.isQuantumSafe(CryptographicAlgorithm.SPHINCS_256, null));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.AES, 128));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.AES, null));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.DES3, 168));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.RSA, 15360));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.ECDSA, 521));
    assertTrue(!QuantumSafety.isQuantumSafe(CryptographicAlgorithm.HMAC_SHA1, 512));
  }
}
