package io.keyfed.conformance;

import io.keyfed.infrastructure.pki.IssuedCertificate;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.ttlv.TtlvLimits;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The conformance runner: replays the OASIS test cases of ../shared/kmip-vectors against a running
 * KMIP server over TLS ({@link MessageReplay}) and counts pass, fail and skip per protocol version
 * and per profile.
 *
 * <p>A test case's profile is its file-name prefix ({@code SKLC}, {@code CS-BC}, ...; {@code TC}
 * for the test-case documents' files) and its class the directory it sits in ({@code mandatory},
 * {@code optional}, {@code testcases}); its version the protocol version of its first request.
 * Each file runs on its own TLS connection with its own client certificate (Common Name {@code
 * conformance-<file>-<hash of the path>}), so that the Names and Locate results of one test case
 * never meet another's: Keyfed scopes both per owner. The exception is {@link #SCENARIO}.
 *
 * <p>Also a command-line tool against any server: {@code java -cp ejb/target/test-classes:...
 * io.keyfed.conformance.ConformanceRunner --host H --port P --pki DIR [--vectors DIR] [--only
 * REGEX]}, with {@code DIR} a Keyfed PKI directory whose CA may issue client certificates.
 */
public final class ConformanceRunner {

  /** A file's place in the report. */
  public record Case(String path, String kind, String profile, KmipVersion version) {
    public boolean mandatory() {
      return kind.equals("mandatory");
    }
  }

  public enum Status { PASS, FAIL, SKIP }

  public record Outcome(Case testCase, Status status, List<String> problems, String reason) {}

  /** Opens a connection for one test case's client. */
  @FunctionalInterface
  public interface Connector {
    KmipClient connect(String clientName, KmipVersion version) throws Exception;
  }

  private static final Pattern MARK = Pattern.compile("^(.+?)[-_]([MO])[-_]");

  /**
   * The Tape Library and Storage Array profiles' test cases M-1, M-2, M-3 of one version are one
   * scenario (KMIP Tape Library Profile §5, Storage Array with SED Profile §5): they run, in order,
   * with one client identity, so that M-3 finds what M-2 stored.
   */
  private static final Pattern SCENARIO = Pattern.compile("^(TL|SASED)[-_]M[-_][123][-_](\\d+)");

  private final Path vectors;
  private final Map<Pattern, String> skipped;

  /**
   * @param skipped files not run (the pattern matches the path relative to {@code vectors}), each
   *     with its reason
   */
  public ConformanceRunner(Path vectors, Map<Pattern, String> skipped) {
    this.vectors = vectors;
    this.skipped = skipped;
  }

  /** The test cases under {@code vectors} whose relative path {@code include} accepts, sorted. */
  public List<Path> files(Predicate<String> include) throws IOException {
    try (Stream<Path> s = Files.walk(vectors)) {
      return s.filter(p -> p.toString().endsWith(".xml"))
          .filter(p -> include.test(vectors.relativize(p).toString()))
          .sorted()
          .toList();
    }
  }

  public List<Outcome> run(List<Path> files, Connector connector, PrintStream progress) {
    List<Outcome> out = new ArrayList<>();
    for (Path file : files) {
      Outcome o = runOne(file, connector);
      out.add(o);
      if (progress != null && o.status() != Status.PASS) {
        progress.println(o.status() + " " + o.testCase().path() + (o.reason() == null ? "" : " (" + o.reason() + ")"));
        o.problems().stream().limit(20).forEach(p -> progress.println("    " + p));
      }
    }
    return out;
  }

  public Outcome runOne(Path file, Connector connector) {
    String rel = vectors.relativize(file).toString();
    String name = file.getFileName().toString();
    Matcher m = MARK.matcher(name);
    boolean marked = m.find();
    // The name's -M-/-O- says it (v1.3/mandatory/ holds CS-RNG-O-2-13 and AKLC-O-1-13); else the directory.
    String kind = rel.contains("/testcases/") ? "testcases"
        : marked ? (m.group(2).equals("M") ? "mandatory" : "optional")
        : rel.contains("/mandatory/") ? "mandatory" : rel.contains("/optional/") ? "optional" : "testcases";
    String profile = kind.equals("testcases") || !marked ? "TC" : m.group(1).replace('_', '-');
    OasisTestCase tc;
    try {
      tc = new OasisTestCase(file, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    } catch (Exception e) {
      Case c = new Case(rel, kind, profile, null);
      String reason = skipReason(rel);
      return reason != null ? new Outcome(c, Status.SKIP, List.of(), reason)
          : new Outcome(c, Status.FAIL, List.of("cannot read: " + e), null);
    }
    Case c = new Case(rel, kind, profile, tc.version());
    String reason = skipReason(rel);
    if (reason != null) {
      return new Outcome(c, Status.SKIP, List.of(), reason);
    }
    String id = name.replaceAll("\\.xml$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    // A Common Name has at most 64 characters: long OVH names are cut and told apart by a hash.
    // The same file name may sit in two trees (v1.3/ and ovh-kmip-go/v1.3/): the path's hash tells them apart.
    String client = "conformance-" + (id.length() <= 40 ? id : id.substring(0, 40)) + "-"
        + Integer.toHexString(rel.hashCode());
    Matcher scenario = SCENARIO.matcher(name);
    if (scenario.find()) {
      // One scenario in three files: M-1 configures, M-2 creates the key M-3 then locates and reads.
      client = "conformance-" + scenario.group(1) + "-" + scenario.group(2) + "-"
          + Integer.toHexString(Path.of(rel).getParent().toString().hashCode());
    }
    TtlvReader reader = new TtlvReader(new TtlvLimits(64 * 1024 * 1024, 64));
    try (KmipClient k = connector.connect(client, tc.version())) {
      MessageReplay r = new MessageReplay(tc).run(request -> {
        try {
          return reader.read(k.exchangeRaw(TtlvWriter.encode(request)));
        } catch (io.keyfed.kmip.ttlv.TtlvException e) {
          throw new IOException("malformed response: " + e.getMessage(), e);
        }
      });
      return new Outcome(c, r.problems.isEmpty() ? Status.PASS : Status.FAIL, List.copyOf(r.problems), null);
    } catch (Exception e) {
      java.io.StringWriter w = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(w));
      return new Outcome(c, Status.FAIL, List.of(w.toString().lines().limit(6).toList().toString()), null);
    }
  }

  private String skipReason(String rel) {
    for (Map.Entry<Pattern, String> e : skipped.entrySet()) {
      if (e.getKey().matcher(rel).matches()) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The table: one row per version and profile, with pass/fail of the mandatory and of the
   * optional and test-case files, and skips; then the totals per version; then every skip with
   * its reason.
   */
  public static String report(List<Outcome> outcomes) {
    Map<String, int[]> rows = new TreeMap<>();
    Map<String, int[]> versions = new TreeMap<>();
    for (Outcome o : outcomes) {
      String v = o.testCase().version() == null ? "?" : o.testCase().version().label();
      int col = switch (o.status()) {
        case PASS -> o.testCase().mandatory() ? 0 : 2;
        case FAIL -> o.testCase().mandatory() ? 1 : 3;
        case SKIP -> 4;
      };
      rows.computeIfAbsent(v + "\t" + o.testCase().profile(), k -> new int[5])[col]++;
      versions.computeIfAbsent(v, k -> new int[5])[col]++;
    }
    StringBuilder b = new StringBuilder();
    String head = String.format("%-8s %-14s %9s %9s %9s %9s %6s%n", "version", "profile", "M pass", "M fail",
        "O pass", "O fail", "skip");
    b.append(head);
    for (Map.Entry<String, int[]> e : rows.entrySet()) {
      String[] k = e.getKey().split("\t");
      int[] n = e.getValue();
      b.append(String.format("%-8s %-14s %9d %9d %9d %9d %6d%n", k[0], k[1], n[0], n[1], n[2], n[3], n[4]));
    }
    b.append(String.format("%n%-8s %-14s %9s %9s %9s %9s %6s%n", "version", "(all)", "M pass", "M fail", "O pass",
        "O fail", "skip"));
    int[] total = new int[5];
    for (Map.Entry<String, int[]> e : versions.entrySet()) {
      int[] n = e.getValue();
      for (int i = 0; i < 5; i++) {
        total[i] += n[i];
      }
      b.append(String.format("%-8s %-14s %9d %9d %9d %9d %6d%n", e.getKey(), "", n[0], n[1], n[2], n[3], n[4]));
    }
    b.append(String.format("%-8s %-14s %9d %9d %9d %9d %6d%n", "total", "", total[0], total[1], total[2], total[3],
        total[4]));
    Map<String, List<String>> skips = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      if (o.status() == Status.SKIP) {
        skips.computeIfAbsent(o.reason(), k -> new ArrayList<>()).add(o.testCase().path());
      }
    }
    if (!skips.isEmpty()) {
      b.append("\nskipped:\n");
      skips.forEach((reason, files) -> b.append("  ").append(reason).append(": ").append(String.join(", ", files))
          .append('\n'));
    }
    return b.toString();
  }

  /** A connector that issues each client its own certificate from the server's CA ({@code pkiDir}). */
  public static Connector issuingConnector(String host, int port, Path pkiDir) throws Exception {
    ServerPki pki = ServerPki.open(pkiDir);
    List<java.security.cert.X509Certificate> cas = Pem.readCertificates(pki.caCert());
    // One key for every client: an identity is its certificate's Common Name.
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    java.security.KeyPair keys = g.generateKeyPair();
    return (client, version) -> {
      IssuedCertificate issued = pki.issueClient(client, keys);
      SSLContext tls = TlsContexts.client(List.of(issued.certificate()), issued.privateKey(), cas);
      return KmipClient.connect(host, port, tls, version);
    };
  }

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 5696;
    Path pki = null;
    Path vectors = Path.of("../shared/kmip-vectors");
    String only = ".*";
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--pki" -> pki = Path.of(args[i + 1]);
        case "--vectors" -> vectors = Path.of(args[i + 1]);
        case "--only" -> only = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Pattern filter = Pattern.compile(only);
    ConformanceRunner runner = new ConformanceRunner(vectors, Conformance.SKIPPED);
    List<Outcome> outcomes = runner.run(runner.files(f -> filter.matcher(f).find()), issuingConnector(host, port, pki),
        System.out);
    System.out.println(report(outcomes));
  }
}
