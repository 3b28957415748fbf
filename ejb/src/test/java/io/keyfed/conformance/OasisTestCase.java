package io.keyfed.conformance;

import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * One OASIS KMIP test-case file (../shared/kmip-vectors; the XML encoding of KMIP Additional
 * Message Encodings §4): its request/response steps, the XML-to-TTLV conversion, and the
 * comparison of an actual response with the expected one under the rules of the test-case
 * documents ("Permitted Test Case Variations", e.g. Symmetric Key Lifecycle Profile 1.0 §4.7):
 *
 * <ul>
 *   <li>{@code $UNIQUE_IDENTIFIER_n} and every other {@code $NAME} placeholder of an expected
 *       response binds to the value the server returned first for it; later requests carry that value.
 *   <li>{@code $NOW[±s]} in a request is the time of the run (± s seconds); in a response any time.
 *       The server-set dates (Initial, Last Change, Activation, ...) and the header Time Stamp are
 *       any time unless the test case itself sent that date.
 *   <li>Byte strings that are per-run (key material of server-generated keys, randomised
 *       signatures, ...) are decided by the caller, batch item by batch item ({@link ItemRules}).
 *   <li>Responses may add attributes (Get Attributes, Attributes, Template-Attribute), Query and
 *       Discover Versions answers may list more, an optional Template-Attribute may be left out or
 *       added, Attribute Index 0 may be present or absent, any Result Message text, a Digest.
 * </ul>
 *
 * <p>Nothing in here imports {@code jakarta.*}: the in-process vector tests of the ejb module and
 * the TLS conformance runner of src/e2e share it (ejb's test-jar).
 */
public final class OasisTestCase {

  /** An expected Date-Time the server chooses ($NOW in a response). */
  public static final long ANY_TIME = Long.MIN_VALUE;

  private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d+))?");
  private static final Pattern TIME_MARK = Pattern.compile("#\\s*TIME\\s+\\d+");

  /** Dates the server sets and a conformant server may vary, unless the request fixed them. */
  private static final Set<Tag> SERVER_DATES = EnumSet.of(Tag.ACTIVATION_DATE, Tag.ARCHIVE_DATE, Tag.COMPROMISE_DATE,
      Tag.COMPROMISE_OCCURRENCE_DATE, Tag.DEACTIVATION_DATE, Tag.DESTROY_DATE, Tag.INITIAL_DATE, Tag.LAST_CHANGE_DATE,
      Tag.PROTECT_STOP_DATE, Tag.PROCESS_START_DATE, Tag.ORIGINAL_CREATION_DATE, Tag.TIME_STAMP,
      Tag.VALIDITY_DATE);

  /** Identifiers a conformant server chooses: an expected literal binds like a placeholder. */
  private static final Set<Tag> IDENTIFIERS = EnumSet.of(Tag.UNIQUE_IDENTIFIER, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER,
      Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, Tag.LINKED_OBJECT_IDENTIFIER);

  /** Structures whose expected children must be found in the actual one, in any order, extras allowed. */
  private static final Set<Tag> OPEN_SETS = EnumSet.of(Tag.ATTRIBUTES, Tag.TEMPLATE_ATTRIBUTE,
      Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
      Tag.RESPONSE_HEADER);

  /** Optional in a response: may be present on one side only. */
  private static final Set<Tag> OPTIONAL_IN_RESPONSE = EnumSet.of(Tag.TEMPLATE_ATTRIBUTE,
      Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.RESULT_MESSAGE,
      Tag.MESSAGE_EXTENSION, Tag.TIME_STAMP, Tag.SERVER_CORRELATION_VALUE);

  /**
   * What a conformant server may vary in one batch item's response, beyond the rules of this class.
   *
   * @param perRun the tags whose value is per-run here (any value passes): key material of a
   *     server-generated key, a randomised signature, ...
   * @param openPayload whether the payload is a list a server may extend (Get Attributes of 1.x,
   *     Get Attribute List, Query, Discover Versions without a list): expected children in any
   *     order, extras allowed
   * @param illustrative whether the payload's values are the server's own (Query): only the kinds
   *     of items are compared
   */
  public record ItemRules(Predicate<Tag> perRun, boolean openPayload, boolean illustrative) {
    public static final ItemRules STRICT = new ItemRules(t -> false, false, false);

    public boolean perRun(Tag tag) {
      return tag != null && perRun.test(tag);
    }
  }

  /** One request message and the response that follows it in the file. */
  public record Step(int number, Element request, Element response, KmipVersion version) {}

  private final Path file;
  private final Element root;
  private final Instant now;
  private final List<Step> steps = new ArrayList<>();
  private Bindings bindings = new Bindings();
  /** Date-Time values the test case sent (epoch seconds): a response date equal to one is not a server's choice. */
  private final Set<Long> sentDates = new HashSet<>();

  public OasisTestCase(Path file, Instant now) throws Exception {
    this.file = file;
    this.now = now;
    String text = TIME_MARK.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("")
        .replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
    if (!text.trim().startsWith("<KMIP")) {
      text = "<KMIP>" + text + "</KMIP>";
    }
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element top = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(text))).getDocumentElement();
    // The messages may sit one level down: Cosmian's extraction of the 1.0 documents wraps them in
    // <KmipTestCase>, the OVH files may wrap their <KMIP>.
    while (child(top, "RequestMessage") == null && children(top).size() == 1) {
      top = children(top).get(0);
    }
    this.root = top;
    List<Element> messages = new ArrayList<>();
    for (Element e : children(root)) {
      if (e.getTagName().equals("RequestMessage") || e.getTagName().equals("ResponseMessage")) {
        messages.add(e);
      }
    }
    int n = 0;
    for (int m = 0; m < messages.size(); m++) {
      Element request = messages.get(m);
      if (!request.getTagName().equals("RequestMessage")) {
        continue;
      }
      Element response = m + 1 < messages.size() && messages.get(m + 1).getTagName().equals("ResponseMessage")
          ? messages.get(m + 1) : null;
      Element pv = child(child(request, "RequestHeader"), "ProtocolVersion");
      KmipVersion v = KmipVersion.of(Integer.parseInt(child(pv, "ProtocolVersionMajor").getAttribute("value")),
          Integer.parseInt(child(pv, "ProtocolVersionMinor").getAttribute("value")));
      steps.add(new Step(++n, request, response, v));
    }
  }

  public Path file() {
    return file;
  }

  public Instant now() {
    return now;
  }

  public List<Step> steps() {
    return steps;
  }

  /** The protocol version of the first request (the version the test case is for). */
  public KmipVersion version() {
    return steps.isEmpty() ? null : steps.get(0).version();
  }

  // ---- placeholders --------------------------------------------------------------------------

  /** What the placeholders of this test case stand for so far. */
  static final class Bindings {
    final Map<String, String> texts = new HashMap<>();
    final Map<String, byte[]> bytes = new HashMap<>();

    Bindings copy() {
      Bindings b = new Bindings();
      b.texts.putAll(texts);
      b.bytes.putAll(bytes);
      return b;
    }
  }

  /** A request placeholder that no earlier response has bound. */
  public static final class Unbound extends RuntimeException {
    Unbound(String message) {
      super(message);
    }
  }

  /** The text a placeholder stands for, or null. */
  public String boundText(String placeholder) {
    return bindings.texts.get(placeholder);
  }

  /** Binds a placeholder to a value the server returned (first binding wins). */
  public void bindText(String placeholder, String value) {
    bindings.texts.putIfAbsent(placeholder, value);
  }

  public void bindBytes(String placeholder, byte[] value) {
    bindings.bytes.put(placeholder, value);
  }

  /**
   * Binds the placeholders of an expected payload that is not compared (the identifiers of
   * Register, Create, ...): its direct children, by tag.
   */
  public void bind(Ttlv expected, Ttlv actual) {
    if (expected == null || actual == null || !expected.isStructure() || !actual.isStructure()) {
      return;
    }
    Map<Integer, Integer> seen = new HashMap<>();
    for (Ttlv ec : expected.children()) {
      int index = seen.merge(ec.tag(), 1, Integer::sum) - 1;
      List<Ttlv> same = new ArrayList<>();
      for (Ttlv c : actual.children()) {
        if (c.tag() == ec.tag()) {
          same.add(c);
        }
      }
      if (index >= same.size()) {
        continue;
      }
      Ttlv ac = same.get(index);
      if (ec.type() == ItemType.TEXT_STRING && ac.type() == ItemType.TEXT_STRING && ec.asText().startsWith("$")) {
        bindings.texts.putIfAbsent(ec.asText(), ac.asText());
      } else if (ec.type() == ItemType.BYTE_STRING && ac.type() == ItemType.BYTE_STRING) {
        String p = placeholder(ec);
        if (p != null) {
          bindings.bytes.put(p, ac.asBytes());
        }
      }
    }
  }

  /**
   * Binds each Byte String a response returned to the placeholder named after its tag
   * ({@code $MAC_DATA}, {@code $SIGNATURE_DATA}, {@code $IV_COUNTER_NONCE}, {@code $DATA_0}): some
   * files write the value itself in the response and the placeholder in the next request
   * (CS-AC-M-6, CS-BC-M-13).
   */
  public void bindByTag(Ttlv got) {
    if (got == null || !got.isStructure()) {
      return;
    }
    for (Ttlv c : got.children()) {
      Tag t = Tag.fromValue(c.tag());
      if (t != null && c.type() == ItemType.BYTE_STRING && !t.equals(Tag.CORRELATION_VALUE)) {
        String name = "$" + t.specName().replaceAll("[^A-Za-z0-9]+", "_").toUpperCase();
        bindings.bytes.put(name, c.asBytes());
        bindings.bytes.put(name + "_0", c.asBytes());
      }
    }
  }

  /** The placeholder name an expected Byte String carries, or null (kept by {@link #toTtlv} as "$NAME" bytes). */
  static String placeholder(Ttlv e) {
    byte[] b = e.asBytes();
    if (b.length > 1 && b[0] == '$') {
      String s = new String(b, StandardCharsets.US_ASCII);
      return s.matches("\\$[A-Z_0-9]+") ? s : null;
    }
    return null;
  }

  // ---- comparison ----------------------------------------------------------------------------

  /**
   * Compares an actual response tree with the expected one; each difference is added to {@code
   * diff}, placeholders met on the way are bound.
   *
   * @param rules what may vary in this batch item
   */
  public void compare(Ttlv e, Ttlv a, String path, ItemRules rules, List<String> diff) {
    if (e == null || a == null) {
      boolean emptyExpected = e != null && e.isStructure() && e.children().isEmpty();
      if (e != a && !emptyExpected) {
        diff.add(path + ": expected " + e + ", got " + a);
      }
      return;
    }
    String at = path + "/" + e.tagName();
    if (e.tag() != a.tag() || e.type() != a.type()) {
      diff.add(path + ": expected " + e.tagName() + " (" + e.type().xmlName() + "), got " + a.tagName() + " ("
          + a.type().xmlName() + ")");
      return;
    }
    Tag tag = Tag.fromValue(e.tag());
    switch (e.type()) {
      case STRUCTURE -> {
        if (tag == Tag.DIGEST || tag == Tag.RANDOM_NUMBER_GENERATOR) {
          // "Digest (its Hashing Algorithm and Value)" may vary, and so may the Key Format Type it
          // names; a Random Number Generator describes the server's own generator.
          return;
        }
        if (rules.illustrative() && e.is(Tag.RESPONSE_PAYLOAD)) {
          compareKinds(e, a, at, diff);
          return;
        }
        if (tag == Tag.ATTRIBUTE && e.child(Tag.ATTRIBUTE_NAME) != null && a.child(Tag.ATTRIBUTE_NAME) != null) {
          compareAttribute(e, a, at, rules, diff);
          return;
        }
        compareStructure(e, a, at, tag, rules, diff);
      }
      case TEXT_STRING -> {
        String want = e.asText();
        if (want.startsWith("$") || IDENTIFIERS.contains(tag)) {
          String bound = bindings.texts.putIfAbsent(want, a.asText());
          if (bound != null && !bound.equals(a.asText())) {
            diff.add(at + ": expected " + want + " = " + bound + ", got " + a.asText());
          }
        } else if (rules.perRun(tag)) {
          // any value
        } else if (!want.equals(a.asText())) {
          diff.add(at + ": expected '" + want + "', got '" + a.asText() + "'");
        }
      }
      case BYTE_STRING -> {
        String p = placeholder(e);
        if (p != null) {
          bindings.bytes.put(p, a.asBytes());
        } else if (tag == Tag.DIGEST_VALUE || rules.perRun(tag)) {
          // any value
        } else if (!e.equals(a)) {
          diff.add(at + ": expected " + e + ", got " + a);
        }
      }
      case BIG_INTEGER -> {
        if (!rules.perRun(tag) && !e.equals(a)) {
          diff.add(at + ": expected " + e + ", got " + a);
        }
      }
      case DATE_TIME -> {
        boolean chosenByServer = SERVER_DATES.contains(tag) && !sentDates.contains(e.asLong());
        if (e.asLong() != ANY_TIME && !chosenByServer && e.asLong() != a.asLong()) {
          diff.add(at + ": expected " + e.asInstant() + ", got " + a.asInstant());
        }
      }
      default -> {
        if (!e.equals(a)) {
          diff.add(at + ": expected " + e + ", got " + a);
        }
      }
    }
  }

  private void compareStructure(Ttlv e, Ttlv a, String at, Tag tag, ItemRules rules, List<String> diff) {
    List<Ttlv> ec = normalised(e.children());
    List<Ttlv> ac = normalised(a.children());
    // An optional Template-Attribute (and the like) present on one side only is not a difference.
    ec.removeIf(c -> OPTIONAL_IN_RESPONSE.contains(Tag.fromValue(c.tag())) && a.child(c.tag()) == null);
    ac.removeIf(c -> OPTIONAL_IN_RESPONSE.contains(Tag.fromValue(c.tag())) && e.child(c.tag()) == null);
    if (tag != null && OPEN_SETS.contains(tag) || rules.openPayload() && e.is(Tag.RESPONSE_PAYLOAD)) {
      compareOpenSet(ec, ac, at, rules, diff);
      return;
    }
    if (ec.size() != ac.size()) {
      diff.add(at + ": expected " + e + ", got " + a);
      return;
    }
    for (int i = 0; i < ec.size(); i++) {
      compare(ec.get(i), ac.get(i), at, rules, diff);
    }
  }

  /**
   * A 1.x Attribute: its value is compared as the attribute it names (a Digest may vary, an Initial
   * Date is the server's, ...).
   */
  private void compareAttribute(Ttlv e, Ttlv a, String at, ItemRules rules, List<String> diff) {
    String name = e.child(Tag.ATTRIBUTE_NAME).asText();
    if (!name.equals(a.child(Tag.ATTRIBUTE_NAME).asText())) {
      diff.add(at + ": expected " + e + ", got " + a);
      return;
    }
    Tag named = Tag.fromSpecName(name);
    Ttlv ev = e.child(Tag.ATTRIBUTE_VALUE);
    Ttlv av = a.child(Tag.ATTRIBUTE_VALUE);
    List<Ttlv> rest = new ArrayList<>();
    for (Ttlv c : e.children()) {
      if (!c.is(Tag.ATTRIBUTE_VALUE)) {
        rest.add(c);
      }
    }
    List<Ttlv> restActual = new ArrayList<>();
    for (Ttlv c : a.children()) {
      if (!c.is(Tag.ATTRIBUTE_VALUE)) {
        restActual.add(c);
      }
    }
    compareStructure(Ttlv.structure(e.tag(), rest), Ttlv.structure(a.tag(), restActual), at, null, rules, diff);
    if (ev == null || av == null || named == null) {
      compare(ev, av, at, rules, diff);
    } else {
      compare(ev.retag(named.value()), av.retag(named.value()), at, rules, diff);
    }
  }

  /**
   * An answer whose values are the server's (Query: the operations, object types, profiles ... a
   * server lists are its own): every kind of item the expected answer has must be there.
   */
  private static void compareKinds(Ttlv e, Ttlv a, String at, List<String> diff) {
    for (Ttlv c : e.children()) {
      if (a.child(c.tag()) == null) {
        diff.add(at + ": expected " + c.tagName() + " items, the response has none: " + a);
        return;
      }
    }
  }

  /** Attribute Index 0 may be present or absent (1.1 and later); the Result Message is free text. */
  private static List<Ttlv> normalised(List<Ttlv> children) {
    List<Ttlv> out = new ArrayList<>();
    for (Ttlv c : children) {
      if (c.is(Tag.ATTRIBUTE_INDEX) && c.type() == ItemType.INTEGER && c.asInt() == 0) {
        continue;
      }
      if (c.is(Tag.RESULT_MESSAGE)) {
        continue;
      }
      out.add(c);
    }
    return out;
  }

  /** Each expected child must match an actual one not yet matched (in order of preference: the same position). */
  private void compareOpenSet(List<Ttlv> ec, List<Ttlv> ac, String at, ItemRules rules, List<String> diff) {
    boolean[] used = new boolean[ac.size()];
    int missing = 0;
    for (Ttlv want : ec) {
      boolean found = false;
      for (int i = 0; i < ac.size() && !found; i++) {
        if (used[i] || ac.get(i).tag() != want.tag()) {
          continue;
        }
        Bindings saved = bindings;
        bindings = saved.copy();
        List<String> trial = new ArrayList<>();
        compare(want, ac.get(i), at, rules, trial);
        if (trial.isEmpty()) {
          used[i] = true;
          found = true;
        } else {
          bindings = saved;
        }
      }
      if (!found) {
        missing++;
        diff.add(at + ": expected " + want + ", not in the response");
      }
    }
    if (missing > 0) {
      diff.add(at + ": the response has " + ac);
    }
  }

  // ---- XML to TTLV ---------------------------------------------------------------------------

  /** A request element as TTLV, placeholders replaced by their bound values. */
  public Ttlv request(Element e) {
    return toTtlv(e, true);
  }

  /** An expected response element as TTLV, placeholders kept. */
  public Ttlv expected(Element e) {
    return toTtlv(e, false);
  }

  private Ttlv toTtlv(Element e, boolean request) {
    Tag known = Tag.fromXmlName(e.getTagName());
    int tag;
    if (e.hasAttribute("tag")) {
      tag = Integer.parseInt(e.getAttribute("tag").substring(2), 16);
    } else if (known != null) {
      tag = known.value();
    } else {
      throw new IllegalArgumentException(file.getFileName() + ": unknown element <" + e.getTagName() + ">");
    }
    String typeName = e.getAttribute("type");
    ItemType type = typeName.isEmpty() ? ItemType.STRUCTURE : ItemType.fromXmlName(typeName);
    if (type == null) {
      throw new IllegalArgumentException(file.getFileName() + ": <" + e.getTagName() + "> type " + typeName + " unknown");
    }
    String value = e.getAttribute("value");
    return switch (type) {
      case STRUCTURE -> {
        List<Ttlv> c = new ArrayList<>();
        for (Element child : children(e)) {
          c.add(toTtlv(child, request));
        }
        yield Ttlv.structure(tag, c);
      }
      case INTEGER -> {
        EnumInfo info = enumerationOf(e, known);
        if (info != null && info.mask() && !value.matches("-?\\d+") && !value.startsWith("0x")) {
          yield Ttlv.integer(tag, info.namesToMask(value.trim()));
        }
        yield Ttlv.integer(tag, value.startsWith("0x") ? (int) Long.parseLong(value.substring(2), 16) : Integer.parseInt(value));
      }
      case LONG_INTEGER -> Ttlv.longInteger(tag, value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16)
          : Long.parseLong(value));
      case BIG_INTEGER -> Ttlv.bigInteger(tag, new BigInteger(HexFormat.of().parseHex(value)));
      case ENUMERATION -> {
        if (value.startsWith("0x")) {
          yield Ttlv.enumeration(tag, (int) Long.parseLong(value.substring(2), 16));
        }
        EnumInfo info = enumerationOf(e, known);
        Integer v = info == null ? null : info.valueOf(value);
        if (v == null) {
          throw new IllegalArgumentException(file.getFileName() + ": <" + e.getTagName() + "> value " + value + " unknown");
        }
        yield Ttlv.enumeration(tag, v);
      }
      case BOOLEAN -> Ttlv.bool(tag, Boolean.parseBoolean(value));
      case TEXT_STRING -> {
        if (known == Tag.ATTRIBUTE_NAME) {
          // Cosmian's extraction of the 1.0 documents from HTML left runs of spaces inside names
          // ("Cryptographic   Usage Mask"); no KMIP attribute name has two spaces in a row.
          value = value.trim().replaceAll("\\s+", " ");
        }
        yield Ttlv.text(tag, request && (value.startsWith("$") || IDENTIFIERS.contains(known))
            ? bindings.texts.getOrDefault(value, value) : value);
      }
      case BYTE_STRING -> {
        if (value.startsWith("$")) {
          byte[] bound = bindings.bytes.get(value);
          if (bound == null && request && value.startsWith("$SHORT_UNIQUE_IDENTIFIER")) {
            bound = value.getBytes(StandardCharsets.US_ASCII);
          }
          if (request && bound == null) {
            throw new Unbound(value + " used before a response bound it");
          }
          yield Ttlv.bytes(tag, request ? bound : value.getBytes(StandardCharsets.US_ASCII));
        }
        yield Ttlv.bytes(tag, HexFormat.of().parseHex(value));
      }
      case DATE_TIME -> {
        Matcher m = NOW.matcher(value);
        long t;
        if (m.matches()) {
          if (!request) {
            yield Ttlv.dateTime(tag, ANY_TIME);
          }
          long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
          t = now.getEpochSecond() + offset;
        } else {
          t = OffsetDateTime.parse(value).toEpochSecond();
        }
        if (request) {
          sentDates.add(t);
        }
        yield Ttlv.dateTime(tag, t);
      }
      case INTERVAL -> Ttlv.interval(tag, Long.parseLong(value));
      default -> throw new IllegalArgumentException(file.getFileName() + ": item type " + type + " not handled");
    };
  }

  /** The enumeration of an element's value: its tag's, or for a 1.x Attribute Value its Attribute Name's. */
  private static EnumInfo enumerationOf(Element e, Tag tag) {
    if (tag == Tag.ATTRIBUTE_VALUE) {
      Element name = child((Element) e.getParentNode(), "AttributeName");
      Tag attribute = name == null ? null : Tag.fromSpecName(name.getAttribute("value"));
      return attribute == null ? null : attribute.enumeration();
    }
    if (tag == Tag.ATTRIBUTE_REFERENCE) {
      return Tag.INFO;
    }
    return tag == null ? null : tag.enumeration();
  }

  // ---- DOM helpers ---------------------------------------------------------------------------

  public static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Element c : children(parent)) {
      if (c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  public static List<Element> named(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Element c : children(parent)) {
      if (c.getTagName().equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  public static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }
}
