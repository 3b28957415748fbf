package io.keyfed.kmip.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The converter as {@code deploy/kmip-codec.sh} runs it, through its {@code run} entry with
 * in-memory streams: every pair of encodings, several messages, {@code --hex} both ways, and
 * malformed input answered with exactly one line on standard error naming the byte offset and
 * the problem, nothing on standard output, and exit status 1.
 */
class KmipCodecToolTest {

  /** KMIP 1.4 §9.1.2's Structure example. */
  private static final String SPEC_STRUCTURE =
      "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
          + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00";

  private static final Ttlv REQUEST = Ttlv.structure(Tag.REQUEST_MESSAGE,
      Ttlv.structure(Tag.REQUEST_HEADER,
          Ttlv.structure(Tag.PROTOCOL_VERSION,
              Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 2),
              Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 1)),
          Ttlv.dateTime(Tag.TIME_STAMP, Instant.parse("2024-05-06T07:08:09Z")),
          Ttlv.integer(Tag.BATCH_COUNT, 1)),
      Ttlv.structure(Tag.BATCH_ITEM,
          Ttlv.enumeration(Tag.OPERATION, 0x0A),
          Ttlv.structure(Tag.REQUEST_PAYLOAD,
              Ttlv.text(Tag.UNIQUE_IDENTIFIER, "clé-1"),
              Ttlv.text(0x540001, "vendor extension"))));

  private static final byte[] REQUEST_TTLV = TtlvWriter.encode(REQUEST);

  record Result(int status, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private static Result run(byte[] input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KmipCodecTool.run(args, new ByteArrayInputStream(input), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(String input, String... args) {
    return run(input.getBytes(StandardCharsets.UTF_8), args);
  }

  // ---- conversions ------------------------------------------------------------------------

  @Test
  void ttlvToXmlToJsonAndBackGivesTheSameBytes() {
    Result xml = run(REQUEST_TTLV, "--from", "ttlv", "--to", "xml");
    assertEquals(0, xml.status(), xml.err());
    assertEquals("", xml.err());
    assertTrue(xml.outText().startsWith("<RequestMessage>\n  <RequestHeader>\n    <ProtocolVersion>\n"), xml.outText());
    assertTrue(xml.outText().contains("<Operation type=\"Enumeration\" value=\"Get\"/>"), xml.outText());
    assertTrue(xml.outText().contains("<TTLV tag=\"0x540001\" type=\"TextString\" value=\"vendor extension\"/>"), xml.outText());

    Result json = run(xml.out(), "--from", "xml", "--to", "json");
    assertEquals(0, json.status(), json.err());
    assertTrue(json.outText().startsWith("{\"tag\": \"RequestMessage\", \"value\": ["), json.outText());

    Result ttlv = run(json.out(), "--from", "json", "--to", "ttlv");
    assertEquals(0, ttlv.status(), ttlv.err());
    assertArrayEquals(REQUEST_TTLV, ttlv.out());

    for (String enc : new String[] {"ttlv", "xml", "json"}) {
      byte[] in = enc.equals("ttlv") ? REQUEST_TTLV : enc.equals("xml") ? xml.out() : json.out();
      Result same = run(in, "--from", enc, "--to", enc);
      assertEquals(0, same.status(), same.err());
      assertArrayEquals(in, same.out(), enc);
    }
  }

  @Test
  void hexInAndOut() {
    Result xml = run(SPEC_STRUCTURE, "--from", "ttlv", "--to", "xml", "--hex");
    assertEquals(0, xml.status(), xml.err());
    assertEquals("""
        <CompromiseDate>
          <ApplicationSpecificInformation type="Enumeration" value="0x000000FE"/>
          <ArchiveDate type="Integer" value="255"/>
        </CompromiseDate>
        """, xml.outText());
    Result hex = run(xml.out(), "--from", "xml", "--to", "ttlv", "--hex");
    assertEquals(0, hex.status(), hex.err());
    assertEquals(SPEC_STRUCTURE.replace(" ", "").replace("|", "").toLowerCase() + "\n", hex.outText());
  }

  @Test
  void severalMessagesTravelTogether() {
    Ttlv response = Ttlv.structure(Tag.RESPONSE_MESSAGE, Ttlv.structure(Tag.RESPONSE_HEADER, Ttlv.integer(Tag.BATCH_COUNT, 0)));
    byte[] stream = concat(REQUEST_TTLV, TtlvWriter.encode(response));
    Result xml = run(stream, "--from", "ttlv", "--to", "xml");
    assertEquals(0, xml.status(), xml.err());
    assertTrue(xml.outText().startsWith("<KMIP>\n  <RequestMessage>"), xml.outText());
    Result json = run(xml.out(), "--from", "xml", "--to", "json");
    assertTrue(json.outText().startsWith("[\n  {\"tag\": \"RequestMessage\""), json.outText());
    Result back = run(json.out(), "--from", "json", "--to", "ttlv");
    assertArrayEquals(stream, back.out());
    Result hex = run(xml.out(), "--from", "xml", "--to", "ttlv", "--hex");
    assertEquals(2, hex.outText().lines().count(), "one line per message");
    assertArrayEquals(stream, HexFormat.of().parseHex(hex.outText().replace("\n", "")));
    assertEquals(hex.outText(), run(hex.out(), "--from", "ttlv", "--to", "ttlv", "--hex").outText());
  }

  // ---- malformed input --------------------------------------------------------------------

  @Test
  void everyTruncationOfAMessageNamesItsByteOffset() {
    for (int len = 1; len < REQUEST_TTLV.length; len++) {
      Result r = run(Arrays.copyOf(REQUEST_TTLV, len), "--from", "ttlv", "--to", "xml");
      assertMalformed(r, "kmip-codec: ttlv input: byte ", "truncated");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = ";", textBlock = """
      truncated header              ; 42 00 20 01 00 00                                               ; ttlv input: byte 0: truncated: item header needs 8 bytes, 6 remain
      a second message cut short    ; 42 00 20 02 00 00 00 04 00 00 00 08 00 00 00 00 42 00 21 02 00 ; ttlv input: byte 16: truncated: item header needs 8 bytes, 5 remain
      declared 2 GiB                ; 42 00 78 | 01 | 80 00 00 00 | 00 00 00 00 00 00 00 00           ; ttlv input: byte 4: truncated: tag 0x420078 declares 2147483648 bytes, 8 remain
      unknown item type             ; 42 00 20 | 01 | 00 00 00 10 | 42 00 21 | 0F | 00 00 00 04 | 00 00 00 01 00 00 00 00 ; ttlv input: byte 11: unknown item type: unknown item type 0x0F for tag 0x420021
      non-zero padding              ; 42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 01       ; ttlv input: byte 15: non zero padding: non-zero padding after 0x420020
      invalid UTF-8                 ; 42 00 20 | 07 | 00 00 00 02 | C3 28 00 00 00 00 00 00       ; ttlv input: byte 8: invalid UTF-8: Text String 0x420020 is not valid UTF-8
      """)
  void malformedTtlv(String what, String hex, String expected) {
    Result r = run(HexFormat.of().parseHex(hex.replace(" ", "").replace("|", "")), "--from", "ttlv", "--to", "json");
    assertMalformed(r, "kmip-codec: " + expected, null);
    assertEquals("kmip-codec: " + expected + "\n", r.err(), what);
  }

  @Test
  void malformedHexNamesTheTextPositionToo() {
    assertEquals("kmip-codec: ttlv input: byte 12 (line 2, column 4): bad hex: 'x' is not a hex digit\n",
        run("42 00 20\n01 x0", "--from", "ttlv", "--to", "xml", "--hex").err());
    assertEquals("kmip-codec: ttlv input: byte 2 (line 1, column 3): bad hex: an odd number of hex digits: the last one has no partner\n",
        run("420", "--from", "ttlv", "--to", "xml", "--hex").err());
    // A TTLV problem: its offset in the bytes, and where those are in the text.
    assertEquals("kmip-codec: ttlv input: byte 15 (hex text line 2, column 25): non zero padding: non-zero padding after 0x420020\n",
        run("42 00 20 | 02 | 00 00 00 04\n | 00 00 00 08 00 00 00 01", "--from", "ttlv", "--to", "xml", "--hex").err());
  }

  @Test
  void xmlAndJsonErrorsNameTheByteOffsetOfTheUtf8Input() {
    // "é" is two bytes: the byte offset of <Foo> is one more than its character offset.
    String xml = "<RequestPayload>\n  <UniqueIdentifier type=\"TextString\" value=\"é\"/>\n  <Foo type=\"Integer\" value=\"1\"/>\n</RequestPayload>";
    int byteOffset = xml.substring(0, xml.indexOf("<Foo")).getBytes(StandardCharsets.UTF_8).length;
    assertEquals(xml.indexOf("<Foo") + 1, byteOffset);
    Result r = run(xml, "--from", "xml", "--to", "ttlv");
    assertMalformed(r, "kmip-codec: xml input: byte " + byteOffset + " (line 3, column 3): unknown tag: ", null);

    String json = "{\"tag\": \"RequestPayload\", \"value\": [\n  {\"tag\": \"UniqueIdentifier\", \"type\": \"TextString\", \"value\": \"é\"},\n"
        + "  {\"tag\": \"Foo\", \"type\": \"Integer\", \"value\": 1}]}";
    int tagValue = json.indexOf("\"Foo\"");
    Result j = run(json, "--from", "json", "--to", "xml");
    assertMalformed(j, "kmip-codec: json input: byte " + (tagValue + 1) + " (line 3, column " + (tagValue - json.lastIndexOf('\n', tagValue))
        + "): unknown tag: ", null);
  }

  @Test
  void hostileXmlAndJson() {
    assertMalformed(run("<!DOCTYPE x [ <!ENTITY e SYSTEM \"file:///etc/passwd\"> ]>\n<NameValue type=\"TextString\" value=\"&e;\"/>",
        "--from", "xml", "--to", "json"), "kmip-codec: xml input: byte 0 (line 1, column 1): dtd not allowed: ", null);
    assertMalformed(run("<RequestPayload>".repeat(100_000), "--from", "xml", "--to", "json"),
        "kmip-codec: xml input: byte ", "too deep");
    assertMalformed(run("[".repeat(100_000), "--from", "json", "--to", "xml"), "kmip-codec: json input: byte ", "too deep");
    byte[] badUtf8 = "<NameValue type=\"TextString\" value=\"a\u00ff\"/>".getBytes(StandardCharsets.ISO_8859_1);
    assertMalformed(run(badUtf8, "--from", "xml", "--to", "json"), "kmip-codec: xml input: byte 37: invalid UTF-8: byte 0xFF", null);
  }

  @Test
  void emptyInputAndUnwritableValues() {
    assertMalformed(run(new byte[0], "--from", "ttlv", "--to", "xml"), "kmip-codec: ttlv input: byte 0: no message", null);
    // A KMIP 3.0 draft type reads from XML but has no TTLV encoding.
    Result r = run("<UniqueIdentifier type=\"Identifier\" value=\"x\"/>", "--from", "xml", "--to", "ttlv");
    assertMalformed(r, "kmip-codec: cannot write ttlv: ", "KMIP 3.0");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("", "--from", "ttlv").status());
    assertEquals(2, run("", "--from", "ttlv", "--to", "yaml").status());
    assertEquals(2, run("", "--from", "xml", "--to", "json", "--hex").status());
    assertEquals(2, run("", "--frm", "xml").status());
    Result help = run("", "--help");
    assertEquals(0, help.status());
    assertTrue(help.err().startsWith("usage: kmip-codec.sh --from ttlv|xml|json --to ttlv|xml|json [--hex]"), help.err());
  }

  /** Status 1, nothing on standard output, one line on standard error with this start and text. */
  private static void assertMalformed(Result r, String start, String contains) {
    assertEquals(1, r.status(), r.err());
    assertEquals(0, r.out().length, "nothing on standard output");
    assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "one line: " + r.err());
    assertTrue(r.err().startsWith(start), r.err());
    if (contains != null) {
      assertTrue(r.err().contains(contains), r.err());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
