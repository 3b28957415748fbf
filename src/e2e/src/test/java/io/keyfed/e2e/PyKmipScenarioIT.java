package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.PyKmip;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product as a user runs it: {@code deploy/run.sh} on embedded H2, Debian's PyKMIP client over
 * mutual TLS with the generated client certificate, every KMIP version the client speaks; then a
 * README's copy-paste example; then a restart on the same data directory, after which the objects are still there.
 */
class PyKmipScenarioIT {

  /** Steps of the scenario that this server must pass. */
  static final List<String> REQUIRED = List.of(
      "discover_versions", "create AES-256", "get AES key", "get_attributes", "get_attribute_list",
      "locate (Name filter)", "locate (no filter)", "activate", "encrypt+decrypt AES-CBC", "revoke (cessation)",
      "destroy AES key", "get destroyed key (expect error)", "create RSA-2048 key pair", "get RSA public key",
      "activate+sign RSA (PKCS1v15/SHA256)", "register SecretData", "get SecretData",
      "KMIP 1.0 create/get/destroy", "KMIP 1.1 create/get/destroy", "KMIP 1.2 create/get/destroy",
      "KMIP 1.3 create/get/destroy", "KMIP 1.4 create/get/destroy", "KMIP 2.0 create/get/destroy");

  @Test
  void pykmipClientOnH2AndObjectsSurviveARestart() throws Exception {
    String uid;
    KeyfedServer server = KeyfedServer.start("pykmip-h2", PyKmip.SERVER_ENV);
    try {
      PyKmip.Result r = PyKmip.scenario("127.0.0.1", server.kmipPort(), server.caCert(), server.clientCert(), server.clientKey(), true, null);
      System.out.println(r.output());
      assertEquals(List.of(), r.notPassed(REQUIRED), "PyKMIP steps that did not pass");
      String readme = PyKmip.readmeExample(server.home(), server.kmipPort());
      assertTrue(readme.contains("created ") && readme.contains("256 bit AES"), "README example output: " + readme);
      for (String v : List.of("1.0", "1.4", "2.0")) {
        PyKmip.Result rv = PyKmip.scenario("127.0.0.1", server.kmipPort(), server.caCert(), server.clientCert(), server.clientKey(), false, v);
        assertEquals("PASS", rv.status("create AES-256"), "KMIP " + v + ":\n" + rv.output());
        assertEquals("PASS", rv.status("get_attributes"), "KMIP " + v + ":\n" + rv.output());
        assertEquals("PASS", rv.status("locate (Name filter)"), "KMIP " + v + ":\n" + rv.output());
        assertEquals("PASS", rv.status("register SecretData"), "KMIP " + v + ":\n" + rv.output());
      }
      try (KmipClient c = server.connect(KmipVersion.V1_4)) {
        Ttlv created = c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
            Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
            Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))).encode(KmipVersion.V1_4));
        uid = CreateResponse.decode(created).uniqueIdentifier();
      }
    } finally {
      server.close();
    }
    KeyfedServer again = server.restart();
    try (KmipClient c = again.connect(KmipVersion.V2_0)) {
      GetResponse got = GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode()));
      byte[] key = got.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
      assertEquals(16, key.length, "the AES-128 key created before the restart");
    } finally {
      again.close();
    }
    assertTrue(!again.isAlive());
  }
}
