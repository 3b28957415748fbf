package io.keyfed.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A full Payara Server (the distribution zip from Maven Central) for the end-to-end tests: the
 * installation is unpacked once under {@code keyfed.work} and reused; each test creates its own
 * domain in a directory of its own, on a block of free ports, and deletes it afterwards.
 * asadmin runs on this JVM's Java ({@code java -jar glassfish/lib/client/appserver-cli.jar}), which
 * start-domain then also uses for the server.
 */
public final class PayaraServer {

  /** The directory at the top of the distribution zip. */
  private static final String TOP = "payara6";
  private static final String MARKER = ".keyfed-unpacked-from";

  private PayaraServer() {}

  /**
   * The installation unpacked from {@code zip} under {@code work}; unpacked only when missing or
   * from another zip (name and size are recorded in a marker written last, so an interrupted
   * unpack is never reused). Unpacks into a temporary directory first, then renames it.
   */
  public static Path install(Path zip, Path work) throws IOException {
    Path target = work.resolve("payara-server");
    String origin = zip.toAbsolutePath().normalize() + " " + Files.size(zip);
    Path marker = target.resolve(MARKER);
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(origin)) {
      return target.resolve(TOP);
    }
    Files.createDirectories(work);
    Path tmp = Files.createTempDirectory(work, "payara-server-unzip-");
    try {
      unzip(zip, tmp);
      if (!Files.isDirectory(tmp.resolve(TOP))) {
        throw new IOException(zip + " has no " + TOP + "/ directory: not a Payara 6 distribution");
      }
      Files.writeString(tmp.resolve(MARKER), origin);
      Processes.deleteTree(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Processes.deleteTree(tmp);
    }
    return target.resolve(TOP);
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        // java.util.zip drops Unix modes; the scripts are the only files that need one.
        String parent = out.getParent().getFileName().toString();
        if (parent.equals("bin") || e.getName().endsWith(".sh")) {
          Files.setPosixFilePermissions(out, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
              PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        }
      }
    }
  }

  /**
   * One domain, created with {@code create-domain --portbase}: every port it opens is the base
   * plus a fixed offset (admin +48, HTTP +80, HTTPS +81, IIOP +37..39, JMS +76, JMX +86,
   * OSGi shell +66, debugger +9, Hazelcast +49 and +59), so one free block of 100 ports is enough.
   * {@link #close()} stops it (killing it through its pid file if a normal stop fails) and deletes it.
   */
  public static final class Domain implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(300);

    private final Path install;
    private final Path domainsDir;
    private final String name;
    private final int portBase;
    private boolean started;

    private Domain(Path install, Path domainsDir, String name, int portBase) {
      this.install = install;
      this.domainsDir = domainsDir;
      this.name = name;
      this.portBase = portBase;
    }

    /** Creates a domain named {@code prefix-<port base>} in {@code domainsDir} (no admin password). */
    public static Domain create(Path install, Path domainsDir, String prefix) throws IOException {
      Files.createDirectories(domainsDir);
      int base = Processes.freePortBlock(100);
      Domain d = new Domain(install, domainsDir, prefix + "-" + base, base);
      try {
        d.local(Duration.ofSeconds(180), "create-domain", "--nopassword", "--portbase", String.valueOf(base),
            "--domaindir", domainsDir.toString(), d.name).orThrow();
      } catch (RuntimeException e) {
        Processes.deleteTree(d.dir());
        throw e;
      }
      return d;
    }

    public String name() {
      return name;
    }

    public Path dir() {
      return domainsDir.resolve(name);
    }

    public Path serverLog() {
      return dir().resolve("logs/server.log");
    }

    public int portBase() {
      return portBase;
    }

    public int adminPort() {
      return portBase + 48;
    }

    public int httpPort() {
      return portBase + 80;
    }

    public int httpsPort() {
      return portBase + 81;
    }

    /** start-domain; returns when the server answers on its admin port. */
    public Processes.Result start() {
      started = true;
      return local(ADMIN_TIMEOUT, "start-domain", "--domaindir", domainsDir.toString(), name).orThrow();
    }

    /** A remote command against this domain's admin port; fails on a non-zero exit. */
    public Processes.Result asadmin(String... args) {
      return asadmin(ADMIN_TIMEOUT, args).orThrow();
    }

    /** A remote command against this domain's admin port; the result as it is. */
    public Processes.Result asadmin(Duration timeout, String... args) {
      List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(adminPort()),
          "--interactive=false"));
      all.addAll(List.of(args));
      return local(timeout, all.toArray(String[]::new));
    }

    /** stop-domain, or a kill through the pid file if that fails. */
    public Processes.Result stop() {
      Processes.Result r = local(Duration.ofSeconds(120), "stop-domain", "--domaindir", domainsDir.toString(), name);
      if (!r.ok()) {
        r = local(Duration.ofSeconds(60), "stop-domain", "--kill=true", "--domaindir", domainsDir.toString(), name);
      }
      started = !r.ok();
      return r;
    }

    /** delete-domain (the domain must be stopped), then whatever is left of its directory. */
    public Processes.Result delete() throws IOException {
      Processes.Result r = local(Duration.ofSeconds(60), "delete-domain", "--domaindir", domainsDir.toString(), name);
      Processes.deleteTree(dir());
      return r;
    }

    /** Stops the domain if it was started, then deletes it; a failure to stop is reported. */
    @Override
    public void close() throws IOException {
      Processes.Result stopped = started ? stop() : null;
      if (stopped != null && !stopped.ok()) {
        throw new IllegalStateException("domain " + name + " did not stop; left in " + dir() + ":\n" + stopped.output());
      }
      delete();
    }

    private Processes.Result local(Duration timeout, String... args) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", install.resolve("glassfish/lib/client/appserver-cli.jar").toString()));
      cmd.addAll(List.of(args));
      return Processes.run(timeout, install, Map.of(), cmd);
    }

    /** Escapes a value for asadmin's {@code name=value:name=value} property lists. */
    public static String escape(String value) {
      return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    @Override
    public String toString() {
      return "domain " + name + " (admin " + adminPort() + ", http " + httpPort() + ", https " + httpsPort() + ") in " + dir();
    }
  }
}
