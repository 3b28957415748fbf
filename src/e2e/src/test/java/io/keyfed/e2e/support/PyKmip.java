package io.keyfed.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's PyKMIP 0.10 client, driven by the scenario script in ../shared/tools/pykmip. Always
 * {@code /usr/bin/python3}: another python3 earlier on PATH may lack the kmip package.
 */
public final class PyKmip {

  private PyKmip() {}

  /**
   * What a server for PyKMIP clients is started with: Get Attributes without names leaves out the
   * attributes PyKMIP 0.10 cannot decode (src/site/markdown/clients/pykmip.md).
   */
  public static final Map<String, String> SERVER_ENV = Map.of("KEYFED_KMIP_COMPAT_GET_ATTRIBUTES_ALL_OMIT", "pykmip-0.10");

  public static Map<String, String> withServerEnv(Map<String, String> env) {
    Map<String, String> out = new java.util.HashMap<>(env);
    out.putAll(SERVER_ENV);
    return out;
  }

  /** Result of one scenario run: step name → PASS/FAIL/SKIP, plus the console output. */
  public record Result(Map<String, String> steps, String output) {
    public String status(String step) {
      return steps.get(step);
    }

    public List<String> notPassed(List<String> required) {
      List<String> bad = new ArrayList<>();
      for (String s : required) {
        if (!"PASS".equals(steps.get(s))) {
          bad.add(s + "=" + steps.get(s));
        }
      }
      return bad;
    }
  }

  public static Path scenarioScript() {
    Path root = Path.of(System.getProperty("keyfed.root", "../..")).toAbsolutePath().normalize();
    return root.resolveSibling("shared").resolve("tools/pykmip/kmip_scenario.py");
  }

  /**
   * Runs the PyKMIP example of the README (the first {@code /usr/bin/python3 - <<'PY'} block)
   * against a server, with KEYFED_HOME and KEYFED_KMIP_PORT pointing at it. Returns its output;
   * fails if it exits non-zero.
   */
  public static String readmeExample(Path home, int kmipPort) throws Exception {
    Path root = Path.of(System.getProperty("keyfed.root", "../..")).toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = Pattern.compile("/usr/bin/python3 - <<'PY'\n(.*?)\nPY\n", Pattern.DOTALL).matcher(readme);
    if (!m.find()) {
      throw new IllegalStateException("README.md has no PyKMIP example block");
    }
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-").redirectErrorStream(true);
    pb.environment().put("KEYFED_HOME", home.toString());
    pb.environment().put("KEYFED_KMIP_PORT", String.valueOf(kmipPort));
    Process p = pb.start();
    p.getOutputStream().write(m.group(1).getBytes());
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("README example failed:\n" + out);
    }
    return out;
  }

  /** Runs the functional scenario (and the per-version flows when {@code versions}). */
  public static Result scenario(String host, int port, Path ca, Path cert, Path key, boolean versions, String kmipVersion) throws Exception {
    Path json = Files.createTempFile("pykmip-", ".json");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", scenarioScript().toString(),
        "--host", host, "--port", String.valueOf(port), "--ca", ca.toString(), "--cert", cert.toString(),
        "--key", key.toString(), "--json", json.toString()));
    if (versions) {
      cmd.add("--versions");
    }
    if (kmipVersion != null) {
      cmd.add("--kmip-version");
      cmd.add(kmipVersion);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("PyKMIP scenario hung:\n" + out);
    }
    Map<String, String> steps = new LinkedHashMap<>();
    String text = Files.readString(json);
    Matcher m = Pattern.compile("\"step\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"status\":\\s*\"(\\w+)\"").matcher(text);
    while (m.find()) {
      steps.put(m.group(1), m.group(2));
    }
    Files.deleteIfExists(json);
    return new Result(steps, out);
  }
}
