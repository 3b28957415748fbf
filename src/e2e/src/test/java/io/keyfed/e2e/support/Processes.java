package io.keyfed.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Process and network helpers for the end-to-end tests: free ports, a command run with a time
 * limit and its output captured, waiting for a TCP or TLS port, deleting a directory tree.
 * Processes are only ever stopped through the handle of a process started here (and its
 * descendants), never by name.
 */
public final class Processes {

  /** Time between two attempts while waiting for a port. */
  private static final Duration POLL = Duration.ofMillis(250);

  private Processes() {}

  /** What a finished command did. {@code output} is stdout and stderr interleaved. */
  public record Result(List<String> command, int exitCode, String output, Duration duration) {

    public boolean ok() {
      return exitCode == 0;
    }

    /** This result when the command succeeded; otherwise an exception with its output. */
    public Result orThrow() {
      if (!ok()) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode
            + " after " + seconds(duration) + ":\n" + output);
      }
      return this;
    }
  }

  // ---- ports ---------------------------------------------------------------------------------

  /** A TCP port nobody listens on now (the kernel's choice, in its ephemeral range). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether nothing listens on {@code port}, on any address (IPv4 or IPv6). */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The first port of {@code size} consecutive free ports, for servers that take a port base
   * (Payara Server's {@code create-domain --portbase} uses offsets up to 99). The block is chosen
   * below the kernel's ephemeral range so that ports handed out by {@link #freePort()} (and by
   * the kernel to outgoing connections) cannot land in it while the server starts.
   */
  public static int freePortBlock(int size) {
    int top = ephemeralRangeStart() - size;
    int bottom = 10_000;
    if (top <= bottom) {
      throw new IllegalStateException("no room for a block of " + size + " ports below " + ephemeralRangeStart());
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(bottom / size, top / size) * size;
      boolean free = true;
      for (int p = base; p < base + size && free; p++) {
        free = isFree(p);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports found between " + bottom + " and " + top);
  }

  private static int ephemeralRangeStart() {
    try {
      // Not Files.readString: procfs reports a size of 0 and that read comes back truncated.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Runs {@code command} in the current directory with the inherited environment. */
  public static Result run(Duration timeout, String... command) {
    return run(timeout, null, Map.of(), List.of(command));
  }

  /**
   * Runs {@code command} in {@code dir} (null: the current directory) with {@code env} added to
   * the inherited environment, waits at most {@code timeout}, and returns its exit code and output.
   * Output goes to a file, not a pipe, so a daemon the command leaves behind (asadmin start-domain
   * does) cannot hold the call open. On timeout the process and its descendants are killed and an
   * exception carries the output so far.
   */
  public static Result run(Duration timeout, Path dir, Map<String, String> env, List<String> command) {
    Path out = null;
    long t0 = System.nanoTime();
    try {
      out = Files.createTempFile("keyfed-e2e-cmd-", ".out");
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        kill(p);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      if (!finished) {
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + seconds(timeout)
            + " and was killed; output so far:\n" + text);
      }
      return new Result(List.copyOf(command), p.exitValue(), text, took);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file: nothing more to do
        }
      }
    }
  }

  /** Kills a process this JVM started, and its descendants first. */
  public static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  // ---- waiting for servers -------------------------------------------------------------------

  /** Waits until {@code host:port} accepts a TCP connection; returns how long that took. */
  public static Duration waitForTcp(String host, int port, Duration timeout) throws InterruptedException {
    return waitFor(host, port, timeout, null);
  }

  /**
   * Waits until {@code host:port} completes a TLS handshake with {@code tls} (give it the client
   * certificate when the server requires one) and keeps the connection through one read attempt,
   * so that a server that rejects the client after the TLS 1.3 handshake is not taken as ready.
   * Returns how long that took.
   */
  public static Duration waitForTls(String host, int port, SSLContext tls, Duration timeout) throws InterruptedException {
    return waitFor(host, port, timeout, tls);
  }

  private static Duration waitFor(String host, int port, Duration timeout, SSLContext tls) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    Exception last = null;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 2000);
        if (tls != null) {
          try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, false)) {
            ssl.setSoTimeout(5000);
            ssl.startHandshake();
            // TLS 1.3: a rejected client certificate only shows on the first read. A server that
            // accepted us waits for a request, so a short read timeout means "accepted".
            ssl.setSoTimeout(300);
            try {
              if (ssl.getInputStream().read() < 0) {
                throw new IOException("closed by the server after the handshake");
              }
            } catch (SocketTimeoutException accepted) {
              // nothing to read: the server is waiting for a request
            }
          }
        }
        return Duration.ofNanos(System.nanoTime() - t0);
      } catch (IOException e) {
        last = e;
      }
      if (System.nanoTime() + POLL.toNanos() > deadline) {
        throw new IllegalStateException((tls == null ? "TCP " : "TLS ") + host + ":" + port
            + " not ready within " + seconds(timeout) + ": " + last, last);
      }
      // A poll interval, not synchronisation: the server gives no other signal than its port.
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  // ---- files ---------------------------------------------------------------------------------

  /** Deletes {@code dir} and everything under it (symbolic links are removed, not followed). */
  public static void deleteTree(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.getNameCount() < 2) {
      throw new IllegalArgumentException("refusing to delete " + abs);
    }
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(abs, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed meanwhile
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  // ---- formatting ----------------------------------------------------------------------------

  /** {@code 12.3 s}: durations as the tests log them. */
  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The last {@code n} lines of {@code text}. */
  public static String tail(String text, int n) {
    String[] lines = text.split("\n", -1);
    int from = Math.max(0, lines.length - n);
    return String.join("\n", Arrays.asList(lines).subList(from, lines.length));
  }
}
