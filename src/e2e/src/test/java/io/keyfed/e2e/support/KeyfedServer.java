package io.keyfed.e2e.support;

import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.spec.KmipVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * One Keyfed server started the way an operator starts it, with {@code deploy/run.sh}, on free
 * ports and a fresh data directory, as a child process. {@link #close()} stops it by its pid
 * (SIGTERM, as Ctrl-C would), waits for it to exit and scans its logs for its keys.
 */
public final class KeyfedServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final String name;
  private final Path home;
  private final int kmipPort;
  private final int httpsPort;
  private final int httpPort;
  private final Path log;
  private final Map<String, String> env;
  private Process process;

  private KeyfedServer(String name, Path home, Map<String, String> env) throws IOException {
    this(name, home, env, Processes.freePort(), Processes.freePort(), Processes.freePort());
  }

  private KeyfedServer(String name, Path home, Map<String, String> env, int kmipPort, int httpsPort, int httpPort) {
    this.name = name;
    this.home = home;
    this.env = env;
    this.kmipPort = kmipPort;
    this.httpsPort = httpsPort;
    this.httpPort = httpPort;
    this.log = home.resolveSibling(home.getFileName() + ".log");
  }

  /** Starts a server with a fresh home under {@code keyfed.work} and waits until it is ready. */
  public static KeyfedServer start(String name, Map<String, String> env) throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    Path home = Files.createTempDirectory(work, name + "-");
    return startAt(name, home, env);
  }

  /** Starts (or restarts) a server on an existing home. */
  public static KeyfedServer startAt(String name, Path home, Map<String, String> env) throws Exception {
    KeyfedServer s = new KeyfedServer(name, home, env);
    s.launch();
    return s;
  }

  /**
   * A new server process on the same data directory and the same ports (this one must be
   * stopped): a server comes back where its clients and peers knew it.
   */
  public KeyfedServer restart() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("stop the server first");
    }
    KeyfedServer s = new KeyfedServer(name, home, env, kmipPort, httpsPort, httpPort);
    s.launch();
    return s;
  }

  private void launch() throws Exception {
    Path root = Path.of(System.getProperty("keyfed.root", "../..")).toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder(root.resolve("deploy/run.sh").toString(),
        "--kmip-port", String.valueOf(kmipPort), "--https-port", String.valueOf(httpsPort),
        "--http-port", String.valueOf(httpPort), "--home", home.toString(), "--name", name);
    pb.environment().putAll(env);
    pb.environment().putIfAbsent("KEYFED_JAVA_OPTS", "-Xmx512m");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String lastAnswer = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start; see " + log);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        // Payara answers UP before the application is deployed (no checks yet): wait for ours.
        if (r.statusCode() == 200 && r.body().contains("\"kmip-tls\"") && r.body().contains("\"database\"")) {
          return;
        }
        lastAnswer = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        lastAnswer = e.toString(); // not listening yet
      }
      Thread.sleep(500);
    }
    // What the server was doing when it did not come up: its threads, in its own log.
    threadDumpToLog();
    close();
    throw new IllegalStateException(name + " not ready after " + START_TIMEOUT + " (last /health/ready: " + lastAnswer
        + "; the log ends with threads dumped by jcmd) see " + log);
  }

  private void threadDumpToLog() throws InterruptedException {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print", "-l")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // a diagnosis only; the failure is reported by the caller
    }
  }

  public String name() {
    return name;
  }

  public Path home() {
    return home;
  }

  public Path log() {
    return log;
  }

  public int kmipPort() {
    return kmipPort;
  }

  public int httpsPort() {
    return httpsPort;
  }

  public long pid() {
    return process.pid();
  }

  public Path caCert() {
    return home.resolve("pki/ca.pem");
  }

  public Path clientCert() {
    return home.resolve("pki/client.pem");
  }

  public Path clientKey() {
    return home.resolve("pki/client-key.pem");
  }

  /** A mutual-TLS context with the generated client certificate. */
  public SSLContext clientTls() throws Exception {
    return TlsContexts.client(clientCert(), clientKey(), caCert());
  }

  public KmipClient connect(KmipVersion v) throws Exception {
    return KmipClient.connect("127.0.0.1", kmipPort, clientTls(), v);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no clean close (crash tests). */
  public void kill9() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Stops the server, then checks that none of the key material in its database is in its logs
   * ({@link KeyMaterialLeakScan}); an AssertionError fails the test that stopped it.
   */
  @Override
  public void close() throws Exception {
    if (process == null || !process.isAlive()) {
      return;
    }
    // SIGTERM, as Ctrl-C would: the server closes its connections and the database cleanly.
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      Processes.kill(process);
    }
    KeyMaterialLeakScan.assertNoLeak(home, log, env);
  }

  /** Environment for a server on the PostgreSQL database of this test run (from deploy/test.sh). */
  public static Map<String, String> postgresEnv(String url, String user, String password) {
    Map<String, String> env = new HashMap<>();
    env.put("KEYFED_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource");
    env.put("KEYFED_DB_URL", url);
    env.put("KEYFED_DB_USER", user);
    env.put("KEYFED_DB_PASSWORD", password == null ? "" : password);
    return env;
  }

  @Override
  public String toString() {
    return name + "[kmip=" + kmipPort + ", https=" + httpsPort + ", home=" + home + "]";
  }
}
