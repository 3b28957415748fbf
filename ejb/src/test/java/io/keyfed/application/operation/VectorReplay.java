package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.application.ResultReasons;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.EnumInfo;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * One OASIS test-case file of ../shared/kmip-vectors (the XML encoding of the KMIP Additional
 * Message Encodings) replayed against handlers built as plain objects: the batch items of each
 * request message run in order with one {@link RequestContext} per message (the ID Placeholder
 * carries between items), failures become Result Reasons as the batch loop makes them
 * ({@link ResultReasons#forVersion}), and each outcome is compared with the expected batch item.
 *
 * <p>Per-run values are treated as the OASIS test-case documents describe: a {@code $NAME} value
 * in an expected response binds to what the server returned ({@code $UNIQUE_IDENTIFIER_n} once,
 * so later uses must match; Byte String placeholders such as {@code $CORRELATION_VALUE},
 * {@code $SIGNATURE_DATA}, {@code $DATA_0} each time, since one name serves several streams), and
 * the same name in a later request is replaced by the bound value; {@code $NOW±s} is the replay's
 * time in a request and any time in a response. Byte Strings named in {@code perRun} (random
 * output: RNG data, RSA-OAEP ciphertext, randomised signatures) are compared by length only.
 * Response payloads are compared whole for the operations in {@code compared}; for the others
 * only the Result Status and Reason.
 */
final class VectorReplay {

  /** An expected Date-Time the server chooses ($NOW in a response). */
  private static final long ANY_TIME = Long.MIN_VALUE;
  private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d+))?");

  /** A byte string or text an operation returns that differs on every run. */
  record PerRun(Operation operation, Tag tag) {}

  private final Path file;
  private final Element root;
  private final Instant now;
  private final Map<String, String> texts = new HashMap<>();
  private final Map<String, byte[]> bytes = new HashMap<>();
  final List<String> problems = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();
  int itemsRun;
  /** Items of the compared operations run, whatever their outcome. */
  int comparedItemsRun;
  int payloadsCompared;

  VectorReplay(Path file, Instant now) throws Exception {
    this.file = file;
    this.now = now;
    String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("#\\s*TIME\\s+\\d+", "")
        .replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
    if (!text.trim().startsWith("<KMIP")) {
      text = "<KMIP>" + text + "</KMIP>";
    }
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element top = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(text))).getDocumentElement();
    // OVH's files may wrap their <KMIP> in another element.
    while (child(top, "RequestMessage") == null && children(top).size() == 1) {
      top = children(top).get(0);
    }
    this.root = top;
  }

  VectorReplay replay(Map<Operation, OperationHandler> handlers, ClientIdentity client, Set<Operation> compared,
      Set<PerRun> perRun) {
    List<Element> messages = new ArrayList<>();
    for (Element e : children(root)) {
      if (e.getTagName().equals("RequestMessage") || e.getTagName().equals("ResponseMessage")) {
        messages.add(e);
      }
    }
    int step = 0;
    for (int m = 0; m < messages.size(); m++) {
      Element request = messages.get(m);
      if (!request.getTagName().equals("RequestMessage")) {
        continue;
      }
      step++;
      Element response = m + 1 < messages.size() && messages.get(m + 1).getTagName().equals("ResponseMessage")
          ? messages.get(m + 1) : null;
      Element header = child(request, "RequestHeader");
      Element pv = child(header, "ProtocolVersion");
      KmipVersion v = KmipVersion.of(Integer.parseInt(child(pv, "ProtocolVersionMajor").getAttribute("value")),
          Integer.parseInt(child(pv, "ProtocolVersionMinor").getAttribute("value")));
      Element continuation = child(header, "BatchErrorContinuationOption");
      boolean carryOn = continuation != null && continuation.getAttribute("value").equals("Continue");
      RequestContext ctx = new RequestContext(client, v, now);
      List<Element> items = named(request, "BatchItem");
      List<Element> expected = response == null ? List.of() : named(response, "BatchItem");
      for (int i = 0; i < items.size(); i++) {
        Element item = items.get(i);
        String opName = child(item, "Operation").getAttribute("value");
        String where = file.getFileName() + " message " + step + " item " + (i + 1) + " " + opName;
        Operation op = Operation.fromXmlName(opName);
        OperationHandler h = op == null ? null : handlers.get(op);
        if (h == null) {
          skipped.add(where);
          continue;
        }
        Element want = i < expected.size() ? expected.get(i) : null;
        Element payload = child(item, "RequestPayload");
        Ttlv requestPayload;
        try {
          requestPayload = payload == null ? null : toTtlv(payload, true);
        } catch (Unbound e) {
          problems.add(where + ": " + e.getMessage());
          continue;
        }
        Ttlv got = null;
        KmipException failure = null;
        try {
          got = h.handle(requestPayload, ctx);
        } catch (KmipException e) {
          failure = e;
        }
        itemsRun++;
        if (compared.contains(op)) {
          comparedItemsRun++;
        }
        if (want == null) {
          problems.add(where + ": no expected response item");
          continue;
        }
        String status = child(want, "ResultStatus").getAttribute("value");
        Element reasonElement = child(want, "ResultReason");
        String wantReason = reasonElement == null ? null : reasonElement.getAttribute("value");
        if (failure != null) {
          ResultReason r = ResultReasons.forVersion(failure.resultReason(), v);
          if (status.equals("Success")) {
            problems.add(where + ": expected Success, got " + r.xmlName() + " (" + failure.getMessage() + ")");
          } else if (wantReason != null && !wantReason.equals(r.xmlName())) {
            problems.add(where + ": expected " + wantReason + ", got " + r.xmlName() + " (" + failure.getMessage() + ")");
          }
          if (!carryOn) {
            break;
          }
          continue;
        }
        if (!status.equals("Success")) {
          problems.add(where + ": expected " + status + " " + wantReason + ", got Success");
          continue;
        }
        Element wantPayload = child(want, "ResponsePayload");
        Ttlv expectedPayload = wantPayload == null ? null : toTtlv(wantPayload, false);
        if (compared.contains(op)) {
          payloadsCompared++;
          compare(op, expectedPayload, got, "ResponsePayload", perRun, where);
        } else {
          bind(expectedPayload, got);
        }
        bindByTag(got);
      }
    }
    return this;
  }

  /** Binds the placeholders of an expected payload that is not compared (identifiers of Register, Create, ...). */
  private void bind(Ttlv e, Ttlv a) {
    if (e == null || a == null || !e.isStructure() || !a.isStructure()) {
      return;
    }
    for (Ttlv ec : e.children()) {
      Ttlv ac = a.child(ec.tag());
      if (ac == null) {
        continue;
      }
      if (ec.type() == ItemType.TEXT_STRING && ec.asText().startsWith("$") && ac.type() == ItemType.TEXT_STRING) {
        texts.putIfAbsent(ec.asText(), ac.asText());
      } else if (ec.type() == ItemType.BYTE_STRING && ac.type() == ItemType.BYTE_STRING) {
        String p = placeholder(ec);
        if (p != null) {
          bytes.put(p, ac.asBytes());
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
  private void bindByTag(Ttlv got) {
    if (got == null || !got.isStructure()) {
      return;
    }
    for (Ttlv c : got.children()) {
      Tag t = Tag.fromValue(c.tag());
      if (t != null && c.type() == ItemType.BYTE_STRING && !t.equals(Tag.CORRELATION_VALUE)) {
        String name = "$" + t.specName().replaceAll("[^A-Za-z0-9]+", "_").toUpperCase();
        bytes.put(name, c.asBytes());
        bytes.put(name + "_0", c.asBytes());
      }
    }
  }

  /** A request placeholder no earlier response has bound. */
  private static final class Unbound extends RuntimeException {
    Unbound(String message) {
      super(message);
    }
  }

  private void compare(Operation op, Ttlv e, Ttlv a, String path, Set<PerRun> perRun, String where) {
    if (e == null || a == null) {
      boolean emptyExpected = e != null && e.isStructure() && e.children().isEmpty();
      if (e != a && !emptyExpected) {
        problems.add(where + " " + path + ": expected " + e + ", got " + a);
      }
      return;
    }
    String at = path + "/" + e.tagName();
    if (e.tag() != a.tag() || e.type() != a.type()) {
      problems.add(where + " " + path + ": expected " + e.tagName() + " (" + e.type().xmlName() + "), got "
          + a.tagName() + " (" + a.type().xmlName() + ")");
      return;
    }
    switch (e.type()) {
      case STRUCTURE -> {
        if (e.children().size() != a.children().size()) {
          problems.add(where + " " + at + ": expected " + e + ", got " + a);
          return;
        }
        for (int i = 0; i < e.children().size(); i++) {
          compare(op, e.children().get(i), a.children().get(i), at, perRun, where);
        }
      }
      case TEXT_STRING -> {
        String want = e.asText();
        if (want.startsWith("$")) {
          String bound = texts.putIfAbsent(want, a.asText());
          if (bound != null && !bound.equals(a.asText())) {
            problems.add(where + " " + at + ": expected " + want + " = " + bound + ", got " + a.asText());
          }
        } else if (!want.equals(a.asText())) {
          problems.add(where + " " + at + ": expected '" + want + "', got '" + a.asText() + "'");
        }
      }
      case BYTE_STRING -> {
        String p = placeholder(e);
        if (p != null) {
          bytes.put(p, a.asBytes());
        } else if (perRun.contains(new PerRun(op, Tag.fromValue(e.tag())))) {
          if (e.asBytes().length != a.asBytes().length) {
            problems.add(where + " " + at + ": expected " + e.asBytes().length + " bytes, got " + a.asBytes().length);
          }
        } else if (!e.equals(a)) {
          problems.add(where + " " + at + ": expected " + e + ", got " + a);
        }
      }
      case DATE_TIME -> {
        if (e.asLong() != ANY_TIME && e.asLong() != a.asLong()) {
          problems.add(where + " " + at + ": expected " + e.asInstant() + ", got " + a.asInstant());
        }
      }
      default -> {
        if (!e.equals(a)) {
          problems.add(where + " " + at + ": expected " + e + ", got " + a);
        }
      }
    }
  }

  /** The placeholder name an expected Byte String carries, or null (kept by {@link #toTtlv} as "$NAME" bytes). */
  private static String placeholder(Ttlv e) {
    byte[] b = e.asBytes();
    if (b.length > 1 && b[0] == '$') {
      String s = new String(b, StandardCharsets.US_ASCII);
      return s.matches("\\$[A-Z_0-9]+") ? s : null;
    }
    return null;
  }

  // ---- XML to TTLV ---------------------------------------------------------------------------

  /** @param request whether placeholders are replaced by their bound values (a request) or kept (an expected response) */
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
          yield Ttlv.integer(tag, info.namesToMask(value));
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
      case TEXT_STRING -> Ttlv.text(tag, request ? texts.getOrDefault(value, value) : value);
      case BYTE_STRING -> {
        if (value.startsWith("$")) {
          byte[] bound = bytes.get(value);
          if (request && bound == null) {
            throw new Unbound(value + " used before a response bound it");
          }
          yield Ttlv.bytes(tag, request ? bound : value.getBytes(StandardCharsets.US_ASCII));
        }
        yield Ttlv.bytes(tag, HexFormat.of().parseHex(value));
      }
      case DATE_TIME -> {
        Matcher m = NOW.matcher(value);
        if (m.matches()) {
          if (!request) {
            yield Ttlv.dateTime(tag, ANY_TIME);
          }
          long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
          yield Ttlv.dateTime(tag, now.getEpochSecond() + offset);
        }
        yield Ttlv.dateTime(tag, OffsetDateTime.parse(value).toEpochSecond());
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

  private static Element child(Element parent, String name) {
    for (Element c : children(parent)) {
      if (c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static List<Element> named(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Element c : children(parent)) {
      if (c.getTagName().equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }
}
