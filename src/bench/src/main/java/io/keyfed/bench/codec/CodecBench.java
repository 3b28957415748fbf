package io.keyfed.bench.codec;

import io.keyfed.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./deploy/bench.sh codec [JMH options]}: runs {@link CodecBenchmark} (JMH's own command
 * line options apply, e.g. {@code -wi 1 -i 3 -w 1s -r 1s -f 1} for a short run) and prints, after
 * JMH's table, one line per message and benchmark with messages/s and MB/s (10<sup>6</sup> bytes
 * of TTLV per second), and decode+encode combined: one decode and one encode of the same message
 * in turn, size ÷ (1/decode rate + 1/encode rate).
 */
public final class CodecBench {

  private CodecBench() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(CodecBenchmark.class.getName());
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    // message → benchmark → messages/s
    Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
    for (RunResult r : results) {
      String message = r.getParams().getParam("message");
      String bench = r.getParams().getBenchmark();
      bench = bench.substring(bench.lastIndexOf('.') + 1);
      scores.computeIfAbsent(message, k -> new LinkedHashMap<>()).put(bench, r.getPrimaryResult().getScore());
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-22s %7s  %-22s %14s %10s", "message", "bytes", "benchmark", "messages/s", "MB/s"));
    scores.forEach((message, byBench) -> {
      int size = TtlvWriter.encode(CodecMessages.ofParam(message).tree()).length;
      byBench.forEach((bench, rate) -> lines.add(row(message, size, bench, rate)));
      for (String level : List.of("ttlv", "model")) {
        Double d = byBench.get(level + "Decode");
        Double e = byBench.get(level + "Encode");
        if (d != null && e != null) {
          lines.add(row(message, size, level + " decode+encode", 1 / (1 / d + 1 / e)));
        }
      }
    });
    System.out.println();
    System.out.println("KMIP codec, one thread (MB = 10^6 bytes of TTLV):");
    lines.forEach(l -> System.out.println("  " + l));
  }

  private static String row(String message, int size, String bench, double rate) {
    return String.format(Locale.ROOT, "%-22s %7d  %-22s %14.0f %10.1f", message, size, bench, rate, rate * size / 1e6);
  }
}
