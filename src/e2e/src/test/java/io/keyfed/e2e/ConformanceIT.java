package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.conformance.Conformance;
import io.keyfed.conformance.ConformanceRunner;
import io.keyfed.conformance.ConformanceRunner.Outcome;
import io.keyfed.conformance.ConformanceRunner.Status;
import io.keyfed.e2e.support.KeyfedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance runner ({@link ConformanceRunner}) against one Keyfed server started with
 * {@code deploy/run.sh}: every OASIS test case of ../shared/kmip-vectors is replayed over mutual
 * TLS, each file with its own client certificate, whole request messages as the file has them.
 * The test cases' identities ({@code conformance-*}) hold the security-officer role by
 * configuration, as a tester would give it: the Import and Export cases need it.
 * Prints the table of pass/fail/skip per version and profile; fails if a mandatory test case of
 * KMIP 1.0 to 2.1 fails that is not one of {@link Conformance#KNOWN_FAILURES} (each with what the
 * server lacks); the known ones are printed. {@code -Dkeyfed.conformance.only=REGEX} runs only
 * the matching files.
 */
class ConformanceIT {

  @Test
  void oasisTestCases() throws Exception {
    Path vectors = Path.of(System.getProperty("keyfed.vectors", "../../../shared/kmip-vectors"));
    Assumptions.assumeTrue(Files.isDirectory(vectors), "no vectors at " + vectors.toAbsolutePath());
    Pattern only = Pattern.compile(System.getProperty("keyfed.conformance.only", "."));
    ConformanceRunner runner = new ConformanceRunner(vectors, Conformance.SKIPPED);
    List<Outcome> outcomes;
    List<String> leftOut;
    try (KeyfedServer server = KeyfedServer.start("conformance", Map.of("KEYFED_ROLES_SECURITY_OFFICER", "conformance-*"))) {
      outcomes = runner.run(runner.files(f -> only.matcher(f).find()),
          ConformanceRunner.issuingConnector("127.0.0.1", server.kmipPort(), server.home().resolve("pki")), System.out);
      // The server's version guard logs each thing a handler put in a response that the
      // client's version does not define; over every test case of every version there is none.
      try (var lines = Files.lines(server.log(), java.nio.charset.StandardCharsets.UTF_8)) {
        leftOut = lines.filter(l -> l.contains("VersionGuard:")).toList();
      }
    }
    System.out.println(ConformanceRunner.report(outcomes));
    List<String> failed = outcomes.stream()
        .filter(o -> o.status() == Status.FAIL && Conformance.gated(o.testCase()) && Conformance.knownFailure(o.testCase()) == null)
        .map(o -> o.testCase().path() + ": " + o.problems().get(0))
        .toList();
    outcomes.stream().filter(o -> o.status() == Status.FAIL && Conformance.gated(o.testCase())
            && Conformance.knownFailure(o.testCase()) != null)
        .forEach(o -> System.out.println("KNOWN FAILURE " + o.testCase().path() + ": " + Conformance.knownFailure(o.testCase())));
    assertTrue(outcomes.stream().anyMatch(o -> o.status() == Status.PASS), "nothing passed");
    assertEquals(List.of(), failed, "mandatory KMIP 1.0-2.1 test cases that failed");
    assertEquals(List.of(), leftOut, "responses with tags or attributes the client's version lacks");
  }
}
