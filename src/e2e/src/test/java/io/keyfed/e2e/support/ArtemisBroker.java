package io.keyfed.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Apache ActiveMQ Artemis broker in its own process, as an operator's corporate
 * broker would be: unpacked from the distribution Maven fetched, an instance created in a work
 * directory with a user and password, reached by the server over OpenWire on a free port. It can
 * be stopped and started again on the same port and journal (a broker restart).
 */
public final class ArtemisBroker implements AutoCloseable {

  public static final String USER = "keyfed";
  public static final String PASSWORD = "broker-secret";

  private final Path instance;
  private final Path log;
  private final int port;
  private Process process;

  private ArtemisBroker(Path instance, int port) {
    this.instance = instance;
    this.port = port;
    this.log = instance.resolveSibling(instance.getFileName() + ".log");
  }

  /** Unpacks the distribution (once per work directory), creates an instance and starts it. */
  public static ArtemisBroker start(String name) throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work")).toAbsolutePath();
    Files.createDirectories(work);
    Path dist = work.resolve("artemis-dist");
    if (!Files.isDirectory(dist)) {
      Path tarball = Path.of(System.getProperty("keyfed.artemisTarball", "target/runtime/apache-artemis-bin.tar.gz"));
      Files.createDirectories(dist);
      Processes.Result r = Processes.run(Duration.ofMinutes(2), "tar", "-xzf", tarball.toAbsolutePath().toString(),
          "-C", dist.toString(), "--strip-components=1");
      if (!r.ok()) {
        throw new IllegalStateException("cannot unpack " + tarball + ": " + r.output());
      }
    }
    int port = Processes.freePort();
    Path instance = Files.createTempDirectory(work, name + "-");
    Files.delete(instance);
    Processes.Result created = Processes.run(Duration.ofMinutes(2), null, Map.of(), List.of(
        dist.resolve("bin/artemis").toString(), "create", instance.toString(), "--silent", "--no-web",
        "--user", USER, "--password", PASSWORD, "--require-login", "--host", "127.0.0.1",
        "--default-port", String.valueOf(port), "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
        "--no-hornetq-acceptor", "--no-autotune"));
    if (!created.ok()) {
      throw new IllegalStateException("artemis create failed: " + created.output());
    }
    // Artemis blocks every producer once the file system holding its journal is 90 % used (the
    // default max-disk-usage) — a fact of the machine, not of the test: on a full CI disk the
    // edge's queueing would hang. This broker holds a few kilobytes; the check is turned off.
    Path brokerXml = instance.resolve("etc/broker.xml");
    String xml = Files.readString(brokerXml);
    String limited = xml.replaceFirst("<max-disk-usage>\\d+</max-disk-usage>", "<max-disk-usage>-1</max-disk-usage>");
    if (limited.equals(xml)) {
      throw new IllegalStateException("no max-disk-usage in " + brokerXml);
    }
    Files.writeString(brokerXml, limited);
    ArtemisBroker b = new ArtemisBroker(instance, port);
    b.launch();
    return b;
  }

  /** Starts the broker process (again) on the same instance and port. */
  public void launch() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run");
    pb.environment().put("JAVA_ARGS", "-Xmx256m");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    Processes.waitForTcp("127.0.0.1", port, Duration.ofMinutes(2));
    if (!process.isAlive()) {
      throw new IllegalStateException("the broker exited; see " + log);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Stops the broker as an operator's restart would (SIGTERM, journal closed). */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        Processes.kill(process);
      }
    }
  }

  /** {@code KEYFED_JMS_URL} and credentials for a server that uses this broker. */
  public Map<String, String> serverEnv() {
    // asadmin property syntax: colons and equals signs escaped. The failover transport
    // reconnects after a broker restart; a send waits at most 10 s for it.
    return Map.of(
        "KEYFED_JMS_URL", "failover\\:(tcp\\://127.0.0.1\\:" + port + ")?timeout\\=10000",
        "KEYFED_JMS_USER", USER,
        "KEYFED_JMS_PASSWORD", PASSWORD);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
