package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.PayaraServer;
import io.keyfed.e2e.support.Processes;
import io.keyfed.e2e.support.PyKmip;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.QueryRequest;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.Tag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The EAR as a user deploys it to a full Payara Server (not Micro, which refuses EARs): a fresh
 * domain from the distribution zip on free ports, Keyfed's settings as server system properties,
 * the ActiveMQ resource adapter deployed and pointed at its embedded broker, then the EAR. Debian's
 * PyKMIP client then runs its scenario over mutual TLS with the PKI the server generated in
 * {@code keyfed.home/pki}. The domain is undeployed, stopped and deleted afterwards; its server.log
 * is kept in {@code keyfed.work/logs}. Each phase's duration is printed (never asserted).
 */
class PayaraServerEarIT {

  private static final String APP = "keyfed";
  private static final String RAR = "activemq-rar";
  private static final String SERVER_NAME = "keyfed-ear-it";
  private static final Duration KMIP_READY = Duration.ofSeconds(180);

  private final Map<String, Duration> phases = new LinkedHashMap<>();
  private boolean deployed;

  @Test
  void earOnPayaraServerServesThePyKmipScenario() throws Exception {
    Path ear = existing("keyfed.ear", null);
    Path rar = existing("keyfed.runtime", RAR + ".rar");
    Path zip = existing("keyfed.payaraServerZip", null);
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work")).toAbsolutePath();
    Files.createDirectories(work);

    Path install = phase("unzip Payara Server (or reuse)", () -> PayaraServer.install(zip, work));
    PayaraServer.Domain domain = phase("create-domain", () -> PayaraServer.Domain.create(install, work.resolve("domains"), "ear-it"));
    Path home = null;
    Throwable failure = null;
    try {
      home = Files.createTempDirectory(work, "ear-home-");
      deployAndRun(domain, home, ear, rar);
    } catch (Throwable t) {
      failure = t;
      if (Files.isRegularFile(domain.serverLog())) {
        System.out.println("[ear-it] last lines of server.log:\n" + Processes.tail(Files.readString(domain.serverLog()), 60));
      }
      throw t;
    } finally {
      keepLog(domain, work);
      // Clean up whatever happened; a failure here fails the test unless an earlier one already did.
      Path keyfedHome = home;
      Throwable cleanup = null;
      if (deployed) {
        cleanup = attempt(cleanup, () -> domain.asadmin(Duration.ofSeconds(120), "undeploy", APP));
      }
      cleanup = attempt(cleanup, () -> phase("stop-domain", () -> domain.stop().orThrow()));
      cleanup = attempt(cleanup, () -> phase("delete-domain", () -> domain.delete().orThrow()));
      if (keyfedHome != null) {
        cleanup = attempt(cleanup, () -> {
          Processes.deleteTree(keyfedHome);
          return null;
        });
      }
      report();
      if (cleanup != null) {
        if (failure != null) {
          failure.addSuppressed(cleanup);
        } else if (cleanup instanceof Error e) {
          throw e;
        } else {
          throw (Exception) cleanup;
        }
      }
    }
  }

  private void deployAndRun(PayaraServer.Domain domain, Path home, Path ear, Path rar) throws Exception {
    int kmipPort = Processes.freePort();
    System.out.println("[ear-it] " + domain + "; KMIP port " + kmipPort + "; keyfed.home " + home);
    phase("start-domain", domain::start);
    // Server system properties, which MicroProfile Config reads; they apply without a restart
    // (JVM options would need one).
    phase("create-system-properties", () -> domain.asadmin("create-system-properties",
        "keyfed.home=" + PayaraServer.Domain.escape(home.toString())
            + ":keyfed.kmip.port=" + kmipPort
            + ":keyfed.server.name=" + SERVER_NAME
            + ":keyfed.kmip.compat.get-attributes-all-omit=pykmip-0.10"));
    // The adapter's configuration first: the adapter then starts once, on the embedded broker.
    // Its name is the rar's file name; it must be deployed before the application that uses it.
    phase("configure " + RAR, () -> domain.asadmin("create-resource-adapter-config",
        "--property", "ServerUrl=vm\\://localhost?broker.persistent\\=false", RAR));
    phase("deploy " + RAR, () -> domain.asadmin("deploy", "--type", "rar", "--name", RAR, rar.toString()));
    phase("deploy EAR", () -> domain.asadmin("deploy", "--name", APP, ear.toString()));
    deployed = true;

    phase("KMIP port accepts TCP", () -> Processes.waitForTcp("127.0.0.1", kmipPort, KMIP_READY));
    Path pki = home.resolve("pki");
    SSLContext tls = TlsContexts.client(pki.resolve("client.pem"), pki.resolve("client-key.pem"), pki.resolve("ca.pem"));
    phase("KMIP port accepts TLS", () -> Processes.waitForTls("127.0.0.1", kmipPort, tls, KMIP_READY));

    PyKmip.Result r = phase("PyKMIP scenario", () -> PyKmip.scenario("127.0.0.1", kmipPort,
        pki.resolve("ca.pem"), pki.resolve("client.pem"), pki.resolve("client-key.pem"), true, null));
    System.out.println(r.output());
    assertEquals(List.of(), r.notPassed(PyKmipScenarioIT.REQUIRED), "PyKMIP steps that did not pass on Payara Server");

    // keyfed.server.name reached the application (MicroProfile Config in the EAR's EJB module).
    try (KmipClient c = KmipClient.connect("127.0.0.1", kmipPort, tls, KmipVersion.V2_0)) {
      String name = c.call(Operation.QUERY, new QueryRequest(List.of(QueryFunction.QUERY_SERVER_INFORMATION)).encode())
          .child(Tag.SERVER_INFORMATION).child(Tag.SERVER_NAME).asText();
      assertEquals(SERVER_NAME, name, "Server Name from Query Server Information");
    }
    assertTrue(Files.isDirectory(home.resolve("db")), "the H2 database is in keyfed.home/db");
    // The web module's health checks (CDI beans injected with the EJB module's beans) on the
    // server's HTTP listener.
    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + domain.httpPort() + "/health/ready"))
            .timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), "/health/ready: " + ready.body());
    assertTrue(ready.body().contains("\"kmip-tls\"") && ready.body().contains("\"database\""), "/health/ready: " + ready.body());
    // The audit trail went through the resource adapter to the embedded broker (a failed send is
    // only logged; a bad ServerUrl silently falls back to tcp://localhost:61616).
    String log = Files.readString(domain.serverLog());
    assertTrue(log.contains("Successfully established connection to broker [vm://localhost"),
        RAR + " did not connect to the embedded broker; see " + domain.serverLog());
    // "not queued": JmsAuditTrail's warning ("audit events not queued yet ...") in any wording.
    assertFalse(log.contains("not queued"), "audit events not queued; see " + domain.serverLog());

    phase("undeploy EAR", () -> domain.asadmin("undeploy", APP));
    deployed = false;
  }

  /** Runs one clean-up step; its failure is added to the earlier ones, not thrown. */
  private static Throwable attempt(Throwable earlier, Step<?> step) {
    try {
      step.run();
      return earlier;
    } catch (Throwable t) {
      if (earlier == null) {
        return t;
      }
      earlier.addSuppressed(t);
      return earlier;
    }
  }

  private static Path existing(String property, String child) {
    String value = System.getProperty(property);
    assertTrue(value != null, "system property " + property + " is not set (the e2e pom's failsafe sets it)");
    Path p = Path.of(value);
    if (child != null) {
      p = p.resolve(child);
    }
    assertTrue(Files.isRegularFile(p), p + " is missing: build first (mvn -DskipTests package; the zip comes at pre-integration-test)");
    return p;
  }

  private static void keepLog(PayaraServer.Domain domain, Path work) {
    try {
      Path logs = Files.createDirectories(work.resolve("logs"));
      if (Files.isRegularFile(domain.serverLog())) {
        Files.copy(domain.serverLog(), logs.resolve("PayaraServerEarIT-server.log"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[ear-it] server.log kept in " + logs.resolve("PayaraServerEarIT-server.log"));
      }
    } catch (IOException e) {
      System.out.println("[ear-it] server.log not kept: " + e);
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  private <T> T phase(String name, Step<T> step) throws Exception {
    long t0 = System.nanoTime();
    try {
      return step.run();
    } finally {
      Duration d = Duration.ofNanos(System.nanoTime() - t0);
      phases.put(name, d);
      System.out.println("[ear-it] " + name + ": " + Processes.seconds(d));
    }
  }

  private void report() {
    StringBuilder b = new StringBuilder("[ear-it] durations on Payara Server:");
    phases.forEach((k, v) -> b.append("\n  ").append(String.format("%-32s %8s", k, Processes.seconds(v))));
    System.out.println(b);
  }
}
