package io.keyfed.domain.bulk;

import java.util.LinkedHashMap;
import java.util.Map;

/** A job's skip counts by reason, kept in one column as {@code reason=count} lines. */
final class SkipCounts {

  private SkipCounts() {}

  static Map<String, Long> parse(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String line : text.split("\n")) {
      int eq = line.lastIndexOf('=');
      if (eq > 0) {
        out.merge(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)), Long::sum);
      }
    }
    return out;
  }

  static String add(String text, String reason, long n) {
    Map<String, Long> m = parse(text);
    m.merge(reason.replace('\n', ' ').replace('=', ':'), n, Long::sum);
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.length() == 0 ? "" : "\n").append(k).append('=').append(v));
    return b.toString();
  }
}
