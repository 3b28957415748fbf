package io.keyfed.conformance;

import io.keyfed.kmip.spec.KmipVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the conformance runner holds Keyfed to: every mandatory test case of KMIP 1.0 to 2.1 passes
 * ({@link #gated}); the optional and test-case files are run and counted. The files in {@link
 * #SKIPPED} are not run, each for the reason given (matched against the path under
 * ../shared/kmip-vectors).
 */
public final class Conformance {

  public static final Map<Pattern, String> SKIPPED = new LinkedHashMap<>();

  static {
  }

  private Conformance() {}

  private static void skip(String regex, String reason) {
    SKIPPED.put(Pattern.compile(regex), reason);
  }

  /** Whether a failure of this test case fails the build: a mandatory case of KMIP 1.0 to 2.1. */
  public static boolean gated(ConformanceRunner.Case c) {
    return c.mandatory() && c.version() != null && c.version().compareTo(KmipVersion.V3_0) < 0;
  }
}
