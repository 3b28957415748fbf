package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyfed.e2e.support.KeyfedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * Use case 1 of {@link FederationIT} with every server on PostgreSQL (a database each, in the
 * cluster that deploy/test.sh starts): the edge gets central's keys read-only, keeps serving
 * within its lease and allocation with central killed, refuses beyond them, and follows central's
 * Re-key and Revoke once it is back. The other use cases run on H2 only.
 */
class FederationPostgresIT extends FederationIT {

  @Override
  Map<String, String> serverEnv(String name) throws Exception {
    String url = System.getenv("KEYFED_TEST_PG_URL");
    if (Boolean.getBoolean("keyfed.e2e.requireAll")) {
      assertTrue(url != null && !url.isBlank(), "KEYFED_TEST_PG_URL is not set: deploy/test.sh starts PostgreSQL and sets it");
    }
    assumeTrue(url != null && !url.isBlank(), "no PostgreSQL for this run (KEYFED_TEST_PG_URL)");
    String user = System.getenv().getOrDefault("KEYFED_TEST_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("KEYFED_TEST_PG_PASSWORD", "");
    String database = "fed_" + name.replace('-', '_') + "_" + run;
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    String serverUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
    return KeyfedServer.postgresEnv(serverUrl, user, password);
  }

  // Use case 1 only (tests 1 and 5); overriding without @Test leaves the others out here.

  @Override
  void aKeyForTheSiteTravelsWrappedAndArrivesUsable() {}

  @Override
  void aSitesOwnKeyGoesUpToCentralWhichMayNotChangeIt() {}

  @Override
  void aPutReplacingAnUnknownObjectIsTreatedAsNewAndOnlyPeersMayPut() {}

  @Override
  void aBacklogWrittenWhileTheEdgeIsDownSurvivesAKillOfCentralAndArrivesExactlyOnce() {}

  @Override
  void badFederationRequestsGetAProblemBodyNamingTheField() {}
}
