package io.keyfed.kmip.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.text.KmipTextException.Problem;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KMIP XML encoding: the value forms of each item type as the vectors write them, the 1.x
 * Attribute Value rule, and hostile input (DTDs, external entities, entity expansion, deep
 * nesting, unknown names, bad hex and dates), each refused with its own problem and a position,
 * never an OutOfMemoryError, StackOverflowError or hang.
 */
class KmipXmlTest {

  private static final KmipXml XML = new KmipXml();

  // ---- forms ------------------------------------------------------------------------------

  @Test
  void everyItemTypeReadsAndWritesAsTheVectorsDo() throws Exception {
    String xml = """
        <RequestPayload>
          <ObjectType type="Enumeration" value="SymmetricKey"/>
          <CryptographicLength type="Integer" value="256"/>
          <CryptographicUsageMask type="Integer" value="Decrypt Encrypt"/>
          <UsageLimitsTotal type="LongInteger" value="1000"/>
          <PublicExponent type="BigInteger" value="0000000000010001"/>
          <Sensitive type="Boolean" value="true"/>
          <UniqueIdentifier type="TextString" value="a &amp; b &quot;c&quot;"/>
          <KeyMaterial type="ByteString" value="00FFaa"/>
          <ActivationDate type="DateTime" value="2012-04-27T18:12:21+10:00"/>
          <LeaseTime type="Interval" value="3600"/>
          <TTLV tag="0x540001" type="TextString" value="na"/>
        </RequestPayload>
        """;
    Ttlv t = XML.read(xml);
    List<Ttlv> c = t.children();
    assertEquals(ObjectType.SYMMETRIC_KEY.value(), c.get(0).asInt());
    assertEquals(256, c.get(1).asInt());
    assertEquals(CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value(), c.get(2).asInt());
    assertEquals(1000L, c.get(3).asLong());
    assertEquals(BigInteger.valueOf(65537), c.get(4).asBigInteger());
    assertTrue(c.get(5).asBoolean());
    assertEquals("a & b \"c\"", c.get(6).asText());
    assertEquals(List.of((byte) 0, (byte) 0xFF, (byte) 0xAA), List.of(c.get(7).asBytes()[0], c.get(7).asBytes()[1], c.get(7).asBytes()[2]));
    assertEquals(Instant.parse("2012-04-27T08:12:21Z"), c.get(8).asInstant());
    assertEquals(3600L, c.get(9).asLong());
    assertEquals(0x540001, c.get(10).tag());

    assertEquals("""
        <RequestPayload>
          <ObjectType type="Enumeration" value="SymmetricKey"/>
          <CryptographicLength type="Integer" value="256"/>
          <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>
          <UsageLimitsTotal type="LongInteger" value="1000"/>
          <PublicExponent type="BigInteger" value="0000000000010001"/>
          <Sensitive type="Boolean" value="true"/>
          <UniqueIdentifier type="TextString" value="a &amp; b &quot;c&quot;"/>
          <KeyMaterial type="ByteString" value="00ffaa"/>
          <ActivationDate type="DateTime" value="2012-04-27T08:12:21+00:00"/>
          <LeaseTime type="Interval" value="3600"/>
          <TTLV tag="0x540001" type="TextString" value="na"/>
        </RequestPayload>
        """, XML.write(t));
  }

  @Test
  void unknownValuesAreWrittenAsHexAndReadBack() throws Exception {
    Ttlv t = Ttlv.structure(Tag.REQUEST_PAYLOAD,
        Ttlv.enumeration(Tag.OBJECT_TYPE, 0x80000001),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.value() | 0x4000_0000),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0),
        Ttlv.dateTime(Tag.ACTIVATION_DATE.value(), Long.MAX_VALUE),
        Ttlv.dateTimeExtended(Tag.TIME_STAMP.value(), 1_600_000_000_000_123L),
        Ttlv.bigInteger(Tag.MODULUS, BigInteger.valueOf(-2)),
        Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, Long.MIN_VALUE));
    String xml = XML.write(t);
    assertTrue(xml.contains("value=\"0x80000001\""), xml);
    assertTrue(xml.contains("value=\"Sign 0x40000000\""), xml);
    assertTrue(xml.contains("value=\"0x00000000\""), xml);
    assertTrue(xml.contains("value=\"0x7FFFFFFFFFFFFFFF\""), xml);
    assertTrue(xml.contains("value=\"2020-09-13T12:26:40.000123+00:00\""), xml);
    assertTrue(xml.contains("value=\"fffffffffffffffe\""), xml);
    assertEquals(t, XML.read(xml));
  }

  @Test
  void masksAreReadSeparatedBySpacesOrBars() throws Exception {
    int both = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
    for (String v : List.of("Encrypt Decrypt", "Decrypt|Encrypt", "  Encrypt |  Decrypt ", "0x0000000C", "12")) {
      assertEquals(both, XML.read("<CryptographicUsageMask type=\"Integer\" value=\"" + v + "\"/>").asInt(), v);
    }
  }

  @Test
  void aOneXAttributeValueTakesTheEnumerationOfItsAttributeName() throws Exception {
    String xml = """
        <TemplateAttribute>
          <Attribute>
            <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
            <AttributeValue type="Integer" value="Encrypt Decrypt"/>
          </Attribute>
          <Attribute>
            <AttributeValue type="Enumeration" value="PreActive"/>
            <AttributeName type="TextString" value="State"/>
          </Attribute>
          <Attribute>
            <AttributeName type="TextString" value="x-custom"/>
            <AttributeValue type="Enumeration" value="0x00000007"/>
          </Attribute>
        </TemplateAttribute>
        """;
    Ttlv t = XML.read(xml);
    assertEquals(12, t.children().get(0).child(Tag.ATTRIBUTE_VALUE).asInt());
    assertEquals(State.PRE_ACTIVE.value(), t.children().get(1).child(Tag.ATTRIBUTE_VALUE).asInt());
    assertEquals(7, t.children().get(2).child(Tag.ATTRIBUTE_VALUE).asInt());
    String back = XML.write(t);
    assertTrue(back.contains("<AttributeValue type=\"Integer\" value=\"Encrypt Decrypt\"/>"), back);
    assertTrue(back.contains("<AttributeValue type=\"Enumeration\" value=\"PreActive\"/>"), back);
    assertTrue(back.contains("<AttributeValue type=\"Enumeration\" value=\"0x00000007\"/>"), back);
    assertEquals(t, XML.read(back));
    // Without its Attribute Name a value has no names to come from.
    KmipTextException e = assertThrows(KmipTextException.class, () -> XML.read(
        "<Attribute><AttributeValue type=\"Enumeration\" value=\"PreActive\"/></Attribute>"));
    assertEquals(Problem.UNKNOWN_NAME, e.problem());
  }

  @Test
  void severalItemsTravelInAKmipWrapper() throws Exception {
    List<Ttlv> items = List.of(Ttlv.structure(Tag.REQUEST_MESSAGE, List.of()), Ttlv.structure(Tag.RESPONSE_MESSAGE, List.of()));
    String xml = XML.writeAll(items);
    assertTrue(xml.startsWith("<KMIP>\n  <RequestMessage/>\n"), xml);
    assertEquals(items, XML.readAll(xml));
    assertEquals(items.subList(0, 1), XML.readAll(XML.writeAll(items.subList(0, 1))));
    assertEquals(Problem.UNEXPECTED_CONTENT, problem(xml));
  }

  @Test
  void draftThreeZeroItemTypesAreCarriedAsText() throws Exception {
    Ttlv t = XML.read("<UniqueIdentifier type=\"Identifier\" value=\"$UNIQUE_IDENTIFIER_0\"/>");
    assertEquals(ItemType.IDENTIFIER, t.type());
    assertEquals("$UNIQUE_IDENTIFIER_0", t.asText());
    assertEquals("<UniqueIdentifier type=\"Identifier\" value=\"$UNIQUE_IDENTIFIER_0\"/>\n", XML.write(t));
  }

  @Test
  void aTextXmlCannotCarryIsRefusedOnWriting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> XML.write(Ttlv.text(Tag.NAME_VALUE, "a\u0001b")));
    assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
    assertEquals("<NameValue type=\"TextString\" value=\"a&#9;b&#10;c\"/>\n", XML.write(Ttlv.text(Tag.NAME_VALUE, "a\tb\nc")));
  }

  // ---- hostile input ----------------------------------------------------------------------

  @Test
  void aDtdIsRefused() {
    KmipTextException e = assertThrows(KmipTextException.class, () -> XML.read(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE RequestMessage []>\n<RequestMessage/>"));
    assertEquals(Problem.DTD_NOT_ALLOWED, e.problem());
    assertEquals(ResultReason.INVALID_MESSAGE, e.resultReason());
    assertTrue(e.line() >= 1 && e.getMessage().startsWith("line "), e.getMessage());
  }

  @Test
  void anExternalEntityIsNeitherDeclaredNorFetched() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <NameValue type="TextString" value="&xxe;"/>
        """;
    assertEquals(Problem.DTD_NOT_ALLOWED, problem(xxe));
    String remote = """
        <!DOCTYPE x SYSTEM "http://127.0.0.1:1/never.dtd">
        <RequestMessage/>
        """;
    assertEquals(Problem.DTD_NOT_ALLOWED, problem(remote));
    // An entity reference without any declaration is not well-formed (or refused), never expanded.
    Problem p = problem("<NameValue type=\"TextString\" value=\"&xxe;\"/>");
    assertTrue(p == Problem.NOT_WELL_FORMED || p == Problem.ENTITY_NOT_ALLOWED, p.toString());
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    sb.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for (int i = 2; i <= 9; i++) {
      sb.append(" <!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i - 1).append(';');
      }
      sb.append("\">\n");
    }
    sb.append("]>\n<NameValue type=\"TextString\" value=\"&lol9;\"/>\n");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(Problem.DTD_NOT_ALLOWED, problem(sb.toString())));
  }

  @Test
  void nestingAHundredThousandDeepIsTooDeepNotAStackOverflow() {
    int n = 100_000;
    StringBuilder sb = new StringBuilder(n * 40);
    for (int i = 0; i < n; i++) {
      sb.append("<RequestPayload>");
    }
    for (int i = 0; i < n; i++) {
      sb.append("</RequestPayload>");
    }
    KmipTextException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(KmipTextException.class, () -> XML.read(sb.toString())));
    assertEquals(Problem.TOO_DEEP, e.problem());
    assertEquals(1, e.line());
    // Unclosed, too.
    assertEquals(Problem.TOO_DEEP, problem(sb.substring(0, sb.length() / 2)));
  }

  @Test
  void inputOverTheLimitIsRefusedBeforeParsing() {
    KmipXml small = new KmipXml(100, 8);
    KmipTextException e = assertThrows(KmipTextException.class, () -> small.read("<RequestPayload>" + " ".repeat(200) + "</RequestPayload>"));
    assertEquals(Problem.TOO_LARGE, e.problem());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown element           | <NoSuchTag type="Integer" value="1"/>                                   | UNKNOWN_TAG    | 1 | 1
      unknown type              | <RequestPayload>\\n  <NameValue type="Float" value="1"/></RequestPayload> | UNKNOWN_TYPE | 2 | 3
      bad tag hex               | <TTLV tag="0x54zz01" type="Integer" value="1"/>                         | BAD_TAG        | 1 | 1
      tag and name disagree     | <NameValue tag="0x420001" type="TextString" value="x"/>                 | BAD_TAG        | 1 | 1
      odd hex                   | <KeyMaterial type="ByteString" value="abc"/>                            | BAD_HEX        | 1 | 1
      not hex                   | <KeyMaterial type="ByteString" value="zz"/>                             | BAD_HEX        | 1 | 1
      empty big integer         | <Modulus type="BigInteger" value=""/>                                   | BAD_HEX        | 1 | 1
      date without offset       | <ActivationDate type="DateTime" value="2012-04-27T08:12:21"/>           | BAD_DATE       | 1 | 1
      date nonsense             | <ActivationDate type="DateTime" value="yesterday"/>                     | BAD_DATE       | 1 | 1
      date with fraction        | <ActivationDate type="DateTime" value="2012-04-27T08:12:21.5Z"/>        | BAD_DATE       | 1 | 1
      month 13                  | <ActivationDate type="DateTime" value="2012-13-27T08:12:21Z"/>          | BAD_DATE       | 1 | 1
      integer too big           | <CryptographicLength type="Integer" value="4294967296"/>                | BAD_NUMBER     | 1 | 1
      integer not a number      | <CryptographicLength type="Integer" value="ten"/>                       | BAD_NUMBER     | 1 | 1
      hex integer too long      | <CryptographicLength type="Integer" value="0x000000001"/>               | BAD_HEX        | 1 | 1
      negative interval         | <LeaseTime type="Interval" value="-1"/>                                 | BAD_NUMBER     | 1 | 1
      unknown enumeration name  | <ObjectType type="Enumeration" value="Banana"/>                         | UNKNOWN_NAME   | 1 | 1
      unknown mask name         | <CryptographicUsageMask type="Integer" value="Encrypt Banana"/>         | UNKNOWN_NAME   | 1 | 1
      names for no enumeration  | <NameValue type="Enumeration" value="Banana"/>                          | UNKNOWN_NAME   | 1 | 1
      bad boolean               | <Sensitive type="Boolean" value="yes"/>                                 | BAD_BOOLEAN    | 1 | 1
      missing value             | <NameValue type="TextString"/>                                          | MISSING_VALUE  | 1 | 1
      value on a structure      | <RequestPayload value="1"/>                                             | UNEXPECTED_CONTENT | 1 | 1
      children of a primitive   | <NameValue type="TextString" value="a"><NameType type="Enumeration" value="UninterpretedTextString"/></NameValue> | UNEXPECTED_CONTENT | 1 | 40
      text content              | <RequestPayload>hello</RequestPayload>                                  | UNEXPECTED_CONTENT | 1 | 17
      unknown attribute         | <NameValue type="TextString" value="a" lang="en"/>                      | UNEXPECTED_CONTENT | 1 | 1
      processing instruction    | <RequestPayload><?evil x?></RequestPayload>                             | UNEXPECTED_CONTENT | 1 | 17
      not well-formed           | <RequestPayload><NameValue></RequestPayload>                            | NOT_WELL_FORMED | 1 | 30
      empty input               | ''                                                                      | NOT_WELL_FORMED | 1 | 1
      """)
  void malformedInputIsASpecificProblemWithAPosition(String what, String xml, Problem expected, int line, int column) {
    KmipTextException e = assertThrows(KmipTextException.class, () -> XML.read(xml.replace("\\n", "\n")));
    assertEquals(expected, e.problem(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertTrue(e.getMessage().startsWith("line " + line + ", column "), e.getMessage());
    assertEquals(ResultReason.INVALID_MESSAGE, e.resultReason());
  }

  private static Problem problem(String xml) {
    return assertThrows(KmipTextException.class, () -> XML.read(xml)).problem();
  }
}
