package io.keyfed.kmip.tools;

import io.keyfed.kmip.json.KmipJson;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import io.keyfed.kmip.xml.KmipXml;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The converter behind {@code deploy/kmip-codec.sh}: KMIP messages from standard input in TTLV,
 * the KMIP XML encoding or the KMIP JSON encoding, to standard output in any of the three.
 * Operators use it to read captured traffic: {@code kmip-codec.sh --from ttlv --to xml <
 * message.bin}.
 *
 * <pre>
 * kmip-codec.sh --from ttlv|xml|json --to ttlv|xml|json [--hex]
 * </pre>
 *
 * <p>The input may hold several messages: TTLV items one after the other (a captured stream), an
 * XML {@code <KMIP>} document (the layout of the OASIS vector files), or a JSON array. One message
 * is written bare, several inside {@code <KMIP>} or a JSON array; TTLV output is the items one
 * after the other. {@code --hex} makes the TTLV side hex text: on input, white space and {@code
 * |} between digits are ignored (so the specification's tables can be pasted); on output, each
 * item is one line of hex. The XML written is the XML of the vector files.
 *
 * <p>Malformed input gets one line on standard error naming the byte offset and the problem, and
 * exit status 1:
 *
 * <pre>
 * kmip-codec: ttlv input: byte 40: truncated: tag 0x42000D declares 4 bytes, 0 remain
 * kmip-codec: xml input: byte 113 (line 4, column 5): unknown tag: "Foo" is not a KMIP tag ...
 * </pre>
 *
 * For XML and JSON the byte offset is that of the UTF-8 input (where the offending element or
 * value starts), followed by its line and column; for {@code --hex} input the offset is in the
 * TTLV bytes, followed by where they are in the hex text. A usage error exits with 2. The
 * readers' limits apply: {@value #MAX_INPUT_BYTES} bytes of input in all, 8 MiB and 64 levels per
 * TTLV message, 64 levels in XML and JSON.
 */
public final class KmipCodecTool {

  static final int EXIT_OK = 0;
  static final int EXIT_MALFORMED = 1;
  static final int EXIT_USAGE = 2;

  /** 64 MiB: the XML and JSON readers' own limit in characters. */
  static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;

  static final String USAGE = "usage: kmip-codec.sh --from ttlv|xml|json --to ttlv|xml|json [--hex]";

  private KmipCodecTool() {}

  public static void main(String[] args) {
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    int status = run(args, System.in, out, System.err);
    System.exit(status);
  }

  /** The whole tool without {@code System.exit}: the exit status is returned. */
  static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
    String from = null;
    String to = null;
    boolean hex = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> from = i + 1 < args.length ? args[++i] : "";
        case "--to" -> to = i + 1 < args.length ? args[++i] : "";
        case "--hex" -> hex = true;
        case "-h", "--help" -> {
          err.println(USAGE);
          return EXIT_OK;
        }
        default -> {
          err.println("kmip-codec: unknown argument '" + args[i] + "'; " + USAGE);
          return EXIT_USAGE;
        }
      }
    }
    if (!isEncoding(from) || !isEncoding(to)) {
      err.println("kmip-codec: --from and --to must each be ttlv, xml or json; " + USAGE);
      return EXIT_USAGE;
    }
    if (hex && !from.equals("ttlv") && !to.equals("ttlv")) {
      err.println("kmip-codec: --hex applies to TTLV, and neither side is ttlv; " + USAGE);
      return EXIT_USAGE;
    }
    byte[] input;
    try {
      input = in.readNBytes(MAX_INPUT_BYTES + 1);
    } catch (IOException e) {
      err.println("kmip-codec: cannot read standard input: " + oneLine(e.getMessage()));
      return EXIT_MALFORMED;
    }
    List<Ttlv> items;
    try {
      if (input.length > MAX_INPUT_BYTES) {
        throw new Malformed(MAX_INPUT_BYTES, "too large", "input longer than the limit of " + MAX_INPUT_BYTES + " bytes");
      }
      items = switch (from) {
        case "ttlv" -> hex ? readHexTtlv(input) : readTtlv(input);
        case "xml" -> readText(input, true);
        default -> readText(input, false);
      };
      if (items.isEmpty()) {
        throw new Malformed(input.length, "no message", "the input holds no item");
      }
    } catch (Malformed m) {
      err.println("kmip-codec: " + from + " input: " + m.getMessage());
      return EXIT_MALFORMED;
    }
    byte[] output;
    try {
      output = switch (to) {
        case "ttlv" -> writeTtlv(items, hex);
        case "xml" -> new KmipXml().writeAll(items).getBytes(StandardCharsets.UTF_8);
        default -> new KmipJson().writeAll(items).getBytes(StandardCharsets.UTF_8);
      };
    } catch (IllegalArgumentException e) {
      // A value the output encoding cannot carry: a KMIP 3.0 draft type in TTLV, a control
      // character in XML.
      err.println("kmip-codec: cannot write " + to + ": " + oneLine(e.getMessage()));
      return EXIT_MALFORMED;
    }
    try {
      out.write(output);
      out.flush();
    } catch (IOException e) {
      err.println("kmip-codec: cannot write standard output: " + oneLine(e.getMessage()));
      return EXIT_MALFORMED;
    }
    return EXIT_OK;
  }

  private static boolean isEncoding(String s) {
    return "ttlv".equals(s) || "xml".equals(s) || "json".equals(s);
  }

  // ---- TTLV -------------------------------------------------------------------------------

  /** TTLV items one after the other; an error's offset counts from the start of the input. */
  static List<Ttlv> readTtlv(byte[] b) throws Malformed {
    TtlvReader reader = new TtlvReader();
    List<Ttlv> out = new ArrayList<>();
    int off = 0;
    while (off < b.length) {
      int remaining = b.length - off;
      int len = remaining;
      if (remaining >= TtlvReader.HEADER) {
        long declared = ((b[off + 4] & 0xFFL) << 24) | ((b[off + 5] & 0xFF) << 16) | ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
        // Structures are multiples of 8 by rule; primitives are padded to 8.
        long total = TtlvReader.HEADER + ((declared + 7) & ~7L);
        if (total <= remaining) {
          len = (int) total;
        }
      }
      try {
        out.add(reader.read(b, off, len));
      } catch (TtlvException e) {
        throw new Malformed(off + e.offset(), words(e.problem().name()), e.detail());
      }
      off += len;
    }
    return out;
  }

  /** As {@link #readTtlv}, from hex text; an error names the TTLV byte and where it is in the text. */
  static List<Ttlv> readHexTtlv(byte[] text) throws Malformed {
    byte[] ttlv = unhex(text);
    try {
      return readTtlv(ttlv);
    } catch (Malformed m) {
      if (m.offset >= ttlv.length) {
        throw new Malformed(m.offset, m.problem, m.detail, "at the end of the hex text");
      }
      int[] at = hexPosition(text, m.offset);
      throw new Malformed(m.offset, m.problem, m.detail, "hex text line " + at[0] + ", column " + at[1]);
    }
  }

  private static byte[] writeTtlv(List<Ttlv> items, boolean hex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TtlvWriter w = new TtlvWriter();
    for (Ttlv t : items) {
      w.reset();
      byte[] b = w.write(t).toByteArray();
      if (hex) {
        out.writeBytes((HexFormat.of().formatHex(b) + "\n").getBytes(StandardCharsets.US_ASCII));
      } else {
        out.writeBytes(b);
      }
    }
    return out.toByteArray();
  }

  /** Hex text to bytes; white space and '|' (as in the specification's tables) are skipped. */
  static byte[] unhex(byte[] text) throws Malformed {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 2);
    int high = -1;
    int highAt = 0;
    for (int i = 0; i < text.length; i++) {
      byte c = text[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '|') {
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0 || c < 0) {
        int[] at = lineColumn(text, i);
        throw new Malformed(i, "bad hex", (c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c & 0xFF))
            + " is not a hex digit", "line " + at[0] + ", column " + at[1]);
      }
      if (high < 0) {
        high = d;
        highAt = i;
      } else {
        out.write(high << 4 | d);
        high = -1;
      }
    }
    if (high >= 0) {
      int[] at = lineColumn(text, highAt);
      throw new Malformed(highAt, "bad hex", "an odd number of hex digits: the last one has no partner", "line " + at[0] + ", column " + at[1]);
    }
    return out.toByteArray();
  }

  /** Line and column in the hex text of the first digit of TTLV byte {@code n}. */
  private static int[] hexPosition(byte[] text, long n) {
    long digits = 0;
    for (int i = 0; i < text.length; i++) {
      if (Character.digit(text[i], 16) >= 0 && text[i] > 0) {
        if (digits == 2 * n) {
          return lineColumn(text, i);
        }
        digits++;
      }
    }
    return lineColumn(text, text.length);
  }

  private static int[] lineColumn(byte[] text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index && i < text.length; i++) {
      if (text[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, index - lineStart + 1};
  }

  // ---- XML and JSON -----------------------------------------------------------------------

  private static List<Ttlv> readText(byte[] input, boolean xml) throws Malformed {
    int bom = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB && (input[2] & 0xFF) == 0xBF ? 3 : 0;
    String text = utf8(input, bom);
    try {
      return xml ? new KmipXml().readAll(text) : new KmipJson().readAll(text);
    } catch (KmipTextException e) {
      long charIndex = e.offset() >= 0 ? e.offset() : charIndex(text, e.line(), e.column());
      long byteOffset = charIndex < 0 ? 0 : bom + utf8Length(text, (int) Math.min(charIndex, text.length()));
      String where = e.line() > 0 ? "line " + e.line() + ", column " + e.column() : null;
      throw new Malformed(byteOffset, words(e.problem().name()), e.detail(), where);
    }
  }

  /** Strict UTF-8; the error names the offset of the first byte that is not UTF-8. */
  private static String utf8(byte[] input, int start) throws Malformed {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(input, start, input.length - start);
    CharBuffer out = CharBuffer.allocate(input.length - start);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      throw new Malformed(in.position(), "invalid UTF-8", String.format("byte 0x%02X does not continue valid UTF-8", input[in.position()] & 0xFF));
    }
    r = d.flush(out);
    if (r.isError()) {
      throw new Malformed(in.position(), "invalid UTF-8", "the input ends inside a UTF-8 sequence");
    }
    out.flip();
    return out.toString();
  }

  /** The character index of a 1-based line and column ('\n' ends a line), or -1. */
  private static long charIndex(String text, int line, int column) {
    if (line <= 0) {
      return -1;
    }
    int i = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        return text.length();
      }
      i = nl + 1;
    }
    return Math.min((long) i + Math.max(column, 1) - 1, text.length());
  }

  private static long utf8Length(String s, int end) {
    long n = 0;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  // ---- errors -----------------------------------------------------------------------------

  /** "UNKNOWN_ITEM_TYPE" → "unknown item type". */
  private static String words(String problem) {
    return problem.toLowerCase(Locale.ROOT).replace('_', ' ').replace("utf8", "UTF-8");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  /** Malformed input: where (a byte offset, and perhaps a line and column) and what. */
  static final class Malformed extends Exception {
    final long offset;
    final String problem;
    final String detail;

    Malformed(long offset, String problem, String detail) {
      this(offset, problem, detail, null);
    }

    Malformed(long offset, String problem, String detail, String where) {
      super("byte " + offset + (where != null ? " (" + where + ")" : "") + ": " + problem + ": " + oneLine(detail), null, false, false);
      this.offset = offset;
      this.problem = problem;
      this.detail = detail;
    }
  }
}
