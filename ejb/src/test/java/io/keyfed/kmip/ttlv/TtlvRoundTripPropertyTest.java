package io.keyfed.kmip.ttlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyfed.kmip.json.KmipJson;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.xml.KmipXml;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random trees of every item type, under specification tags (0x42xxxx), vendor tags (0x54xxxx)
 * and arbitrary 24-bit tags, nested up to {@value #MAX_NESTING} structures deep: the writer's bytes
 * read back as an equal tree, and that tree writes the same bytes again. The same trees go through
 * the XML and the JSON encodings and back, unchanged (texts limited to the characters XML 1.0 can
 * carry). A last property damages valid encodings at random and requires the reader to answer
 * with a tree or a TtlvException, never anything else.
 */
class TtlvRoundTripPropertyTest {

  static final int MAX_NESTING = 6;

  private static final KmipXml XML = new KmipXml();
  private static final KmipJson JSON = new KmipJson();

  private final TtlvReader reader = new TtlvReader();

  /** While generating: whether texts must be ones XML 1.0 can carry. */
  private boolean xmlTexts;

  @Property(tries = 1000)
  void bytesToTreeToBytesIsTheIdentity(@ForAll("trees") Ttlv tree) throws TtlvException {
    byte[] bytes = TtlvWriter.encode(tree);
    assertEquals(0, bytes.length % 8, "TTLV items are 8-byte aligned");

    Ttlv read = reader.read(bytes);
    assertEquals(tree, read);
    assertEquals(tree.hashCode(), read.hashCode());
    assertArrayEquals(bytes, TtlvWriter.encode(read));
  }

  @Property(tries = 1000)
  void xmlAndJsonGiveBackTheSameTree(@ForAll("xmlTrees") Ttlv tree) throws KmipTextException {
    String xml = XML.write(tree);
    assertEquals(tree, XML.read(xml), xml);
    assertEquals(xml, XML.write(XML.read(xml)));
    String json = JSON.write(tree);
    assertEquals(tree, JSON.read(json), json);
    assertEquals(json, JSON.write(JSON.read(json)));
  }

  @Property(tries = 500)
  void damagedInputIsATreeOrATtlvException(
      @ForAll("trees") Ttlv tree,
      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
      @ForAll byte newValue,
      @ForAll @IntRange(min = 0, max = 2) int damage) {
    byte[] bytes = TtlvWriter.encode(tree);
    int at = where % bytes.length;
    byte[] hostile = switch (damage) {
      case 0 -> {
        byte[] b = bytes.clone();
        b[at] = newValue;
        yield b;
      }
      case 1 -> Arrays.copyOf(bytes, at); // truncated
      default -> Hex.concat(bytes, new byte[] {newValue}); // one byte too many
    };
    try {
      reader.read(hostile);
    } catch (TtlvException expected) {
      // the one acceptable failure
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<Ttlv> trees() {
    xmlTexts = false;
    return tree(MAX_NESTING);
  }

  @Provide
  Arbitrary<Ttlv> xmlTrees() {
    xmlTexts = true;
    return tree(MAX_NESTING);
  }

  private Arbitrary<Ttlv> tree(int nesting) {
    if (nesting == 0) {
      return leaf();
    }
    return Arbitraries.frequencyOf(Tuple.of(3, leaf()), Tuple.of(2, structure(nesting)));
  }

  private Arbitrary<Ttlv> structure(int nesting) {
    return Combinators.combine(tags(), tree(nesting - 1).list().ofMaxSize(4))
        .as((tag, children) -> Ttlv.structure(tag, (List<Ttlv>) children));
  }

  private Arbitrary<Ttlv> leaf() {
    Arbitrary<Integer> tag = tags();
    return Arbitraries.oneOf(
        Combinators.combine(tag, Arbitraries.integers()).as(Ttlv::integer),
        Combinators.combine(tag, Arbitraries.longs()).as(Ttlv::longInteger),
        Combinators.combine(tag, bigIntegers()).as(Ttlv::bigInteger),
        Combinators.combine(tag, Arbitraries.integers()).as(Ttlv::enumeration),
        Combinators.combine(tag, Arbitraries.of(true, false)).as(Ttlv::bool),
        Combinators.combine(tag, texts()).as(Ttlv::text),
        Combinators.combine(tag, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(Ttlv::bytes),
        Combinators.combine(tag, Arbitraries.longs()).as(Ttlv::dateTime),
        Combinators.combine(tag, Arbitraries.longs().between(0, 0xFFFF_FFFFL)).as(Ttlv::interval),
        Combinators.combine(tag, Arbitraries.longs()).as(Ttlv::dateTimeExtended));
  }

  /** Specification tags, vendor extension tags, and any other 24-bit tag. */
  private static Arbitrary<Integer> tags() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0x420000, 0x4201FF)),
        Tuple.of(3, Arbitraries.integers().between(0x540000, 0x54FFFF)),
        Tuple.of(1, Arbitraries.integers().between(0, 0xFFFFFF)));
  }

  private static Arbitrary<BigInteger> bigIntegers() {
    BigInteger bound = BigInteger.ONE.shiftLeft(300);
    return Arbitraries.bigIntegers().between(bound.negate(), bound);
  }

  /** Well-formed Unicode (unpaired surrogates have no UTF-8 form), ASCII and beyond the BMP. */
  private Arbitrary<String> texts() {
    boolean xml = xmlTexts;
    Arbitrary<String> codePoints = Arbitraries.integers().between(0, 0x10FFFF)
        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
        .filter(cp -> !xml || isXmlChar(cp))
        .list().ofMaxSize(12)
        .map(cps -> {
          StringBuilder sb = new StringBuilder();
          cps.forEach(sb::appendCodePoint);
          return sb.toString();
        });
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(20)
        .filter(t -> !xml || t.codePoints().allMatch(TtlvRoundTripPropertyTest::isXmlChar));
    return Arbitraries.oneOf(ascii, codePoints);
  }

  /** XML 1.0 §2.2 Char. */
  private static boolean isXmlChar(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
