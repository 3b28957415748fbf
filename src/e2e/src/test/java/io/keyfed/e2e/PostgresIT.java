package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.PyKmip;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same PyKMIP run with PostgreSQL instead of H2, selected by configuration alone (environment
 * variables, no rebuild). deploy/test.sh starts a private PostgreSQL cluster on a free port and
 * passes its URL in {@code KEYFED_TEST_PG_URL}; then this test must run (with
 * {@code -Dkeyfed.e2e.requireAll=true}, as test.sh sets it, a missing database is a failure, not a
 * skip).
 */
class PostgresIT {

  @Test
  void pykmipClientOnPostgres() throws Exception {
    String url = System.getenv("KEYFED_TEST_PG_URL");
    if (Boolean.getBoolean("keyfed.e2e.requireAll")) {
      assertTrue(url != null && !url.isBlank(), "KEYFED_TEST_PG_URL is not set: deploy/test.sh starts PostgreSQL and sets it");
    }
    assumeTrue(url != null && !url.isBlank(), "no PostgreSQL for this run (KEYFED_TEST_PG_URL)");
    String user = System.getenv().getOrDefault("KEYFED_TEST_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("KEYFED_TEST_PG_PASSWORD", "");

    try (KeyfedServer server = KeyfedServer.start("pykmip-pg", PyKmip.withServerEnv(KeyfedServer.postgresEnv(url, user, password)))) {
      PyKmip.Result r = PyKmip.scenario("127.0.0.1", server.kmipPort(), server.caCert(), server.clientCert(), server.clientKey(), true, null);
      System.out.println(r.output());
      assertEquals(List.of(), r.notPassed(PyKmipScenarioIT.REQUIRED), "PyKMIP steps that did not pass on PostgreSQL");
    }
    // The objects are in PostgreSQL, not in an H2 file somewhere.
    try (Connection c = DriverManager.getConnection(url, user, password);
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM KF_OBJECT")) {
      rs.next();
      // The scenario creates 8 objects: an AES key, a secret, and one key per protocol version.
      assertTrue(rs.getLong(1) >= 8, "objects stored in PostgreSQL: " + rs.getLong(1));
    }
  }
}
