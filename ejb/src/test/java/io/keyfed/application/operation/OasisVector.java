package io.keyfed.application.operation;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.ClientIdentity;
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
import java.time.temporal.ChronoUnit;
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
 * One OASIS KMIP test-case file (../shared/kmip-vectors, XML encoding of KMIP Additional Message
 * Encodings §4), replayed against the handlers: each request's batch items run in order with one
 * {@link RequestContext} per request message (so the ID Placeholder carries between them), and
 * each outcome is compared with the expected response batch item. Per-run values are treated as
 * the test-case documents say: {@code $UNIQUE_IDENTIFIER_n} binds to the identifier the server
 * returned first for it, {@code $NOW[±s]} in a request is the current time and in a response any
 * time.
 *
 * <p>Only what this harness is asked to check is compared in full: the response payloads of the
 * operations in {@code compared}; for the others the Result Status and Reason, and the identifiers
 * they return (to bind the placeholders). Operations without a handler here (Interop, Query, ...)
 * are skipped and listed.
 */
final class OasisVector {

  /** A date the expected response leaves to the server ($NOW). */
  private static final long ANY_TIME = Long.MIN_VALUE;
  private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d+))?");
  private static final Pattern TIME_MARK = Pattern.compile("#\\s*TIME\\s+\\d+");

  private final Path file;
  private final Element root;
  private final Map<String, String> uids = new HashMap<>();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final List<String> skipped = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  int itemsRun;
  int payloadsCompared;

  OasisVector(Path file) throws Exception {
    this.file = file;
    String text = TIME_MARK.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
    text = text.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
    if (!text.trim().startsWith("<KMIP")) {
      text = "<KMIP>" + text + "</KMIP>";
    }
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element top = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(text))).getDocumentElement();
    // The messages may sit one level down: Cosmian's extraction of the 1.0 documents wraps them in
    // <KmipTestCase>, the OVH files have a comment before their <KMIP> root.
    while (child(top, "RequestMessage") == null && children(top).size() == 1) {
      top = children(top).get(0);
    }
    this.root = top;
  }

  /** Replays the file; {@link #problems} lists every difference. */
  OasisVector replay(AttributeOperationHandlers handlers, ClientIdentity client, Set<Operation> compared) {
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
      Element response = m + 1 < messages.size() && messages.get(m + 1).getTagName().equals("ResponseMessage") ? messages.get(m + 1) : null;
      step++;
      Element header = child(request, "RequestHeader");
      Element pv = child(header, "ProtocolVersion");
      KmipVersion v = KmipVersion.of(Integer.parseInt(child(pv, "ProtocolVersionMajor").getAttribute("value")),
          Integer.parseInt(child(pv, "ProtocolVersionMinor").getAttribute("value")));
      Element continuation = child(header, "BatchErrorContinuationOption");
      boolean carryOn = continuation != null && continuation.getAttribute("value").equals("Continue");
      RequestContext ctx = new RequestContext(client, v, now);
      List<Element> items = childrenNamed(request, "BatchItem");
      List<Element> expected = response == null ? List.of() : childrenNamed(response, "BatchItem");
      for (int i = 0; i < items.size(); i++) {
        Element item = items.get(i);
        String where = file.getFileName() + " message " + step + " item " + (i + 1);
        Operation op = Operation.fromXmlName(child(item, "Operation").getAttribute("value"));
        Element want = i < expected.size() ? expected.get(i) : null;
        if (op == null || !handlers.supports(op)) {
          skipped.add(where + " " + child(item, "Operation").getAttribute("value"));
          continue;
        }
        Element payload = child(item, "RequestPayload");
        AttributeOperationHandlers.Outcome got = handlers.run(op, payload == null ? null : toTtlv(payload, true), ctx);
        itemsRun++;
        if (want == null) {
          problems.add(where + " " + op.specName() + ": no expected response item");
          continue;
        }
        String status = child(want, "ResultStatus").getAttribute("value");
        Element reason = child(want, "ResultReason");
        if (status.equals("Success") != got.succeeded()) {
          problems.add(where + " " + op.specName() + ": expected " + status
              + (reason == null ? "" : " " + reason.getAttribute("value")) + ", got "
              + (got.succeeded() ? "Success" : got.reason().xmlName() + " (" + got.message() + ")"));
        } else if (!got.succeeded()) {
          String wanted = reason == null ? null : reason.getAttribute("value");
          if (wanted != null && !wanted.equals(got.reason().xmlName())) {
            problems.add(where + " " + op.specName() + ": expected " + wanted + ", got " + got.reason().xmlName() + " (" + got.message() + ")");
          }
        } else {
          Element wantPayload = child(want, "ResponsePayload");
          Ttlv expectedPayload = wantPayload == null ? null : toTtlv(wantPayload, false);
          bindIdentifiers(expectedPayload, got.payload());
          if (compared.contains(op) && (op != Operation.GET_ATTRIBUTES || asksForNames(payload))) {
            payloadsCompared++;
            List<String> diff = new ArrayList<>();
            compare(expectedPayload, got.payload(), "ResponsePayload", diff);
            for (String d : diff) {
              problems.add(where + " " + op.specName() + ": " + d);
            }
          }
        }
        if (!got.succeeded() && !carryOn) {
          break;
        }
      }
    }
    return this;
  }

  private static boolean asksForNames(Element payload) {
    return payload != null && (child(payload, "AttributeName") != null || child(payload, "AttributeReference") != null);
  }

  // ---- placeholders --------------------------------------------------------------------------

  /** The identifiers an expected payload names by placeholder are the ones the server returned. */
  private void bindIdentifiers(Ttlv expected, Ttlv actual) {
    if (expected == null || actual == null) {
      return;
    }
    List<Ttlv> e = expected.children(Tag.UNIQUE_IDENTIFIER);
    List<Ttlv> a = actual.children(Tag.UNIQUE_IDENTIFIER);
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      String placeholder = e.get(i).asText();
      if (placeholder.startsWith("$UNIQUE_IDENTIFIER_")) {
        uids.putIfAbsent(placeholder, a.get(i).asText());
      }
    }
  }

  private void compare(Ttlv e, Ttlv a, String path, List<String> diff) {
    if (e == null || a == null) {
      if (e != a && !(e != null && e.isStructure() && e.children().isEmpty())) {
        diff.add(path + ": expected " + e + ", got " + a);
      }
      return;
    }
    if (e.tag() != a.tag() || e.type() != a.type()) {
      diff.add(path + ": expected " + e.tagName() + " (" + e.type().xmlName() + "), got " + a.tagName() + " (" + a.type().xmlName() + ")");
      return;
    }
    String at = path + "/" + e.tagName();
    switch (e.type()) {
      case STRUCTURE -> {
        if (e.children().size() != a.children().size()) {
          diff.add(at + ": expected " + e + ", got " + a);
          return;
        }
        for (int i = 0; i < e.children().size(); i++) {
          compare(e.children().get(i), a.children().get(i), at, diff);
        }
      }
      case TEXT_STRING -> {
        String want = e.asText();
        if (want.startsWith("$UNIQUE_IDENTIFIER_")) {
          String bound = uids.putIfAbsent(want, a.asText());
          if (bound != null && !bound.equals(a.asText())) {
            diff.add(at + ": expected " + want + " = " + bound + ", got " + a.asText());
          }
        } else if (!want.equals(a.asText())) {
          diff.add(at + ": expected '" + want + "', got '" + a.asText() + "'");
        }
      }
      case DATE_TIME -> {
        if (e.asLong() != ANY_TIME && e.asLong() != a.asLong()) {
          diff.add(at + ": expected " + e.asInstant() + ", got " + a.asInstant());
        }
      }
      case BYTE_STRING -> {
        // The digest of a key the server generated is a per-run value.
        if (!e.is(Tag.DIGEST_VALUE) && !e.equals(a)) {
          diff.add(at + ": expected " + e + ", got " + a);
        }
      }
      default -> {
        if (!e.equals(a)) {
          diff.add(at + ": expected " + e + ", got " + a);
        }
      }
    }
  }

  // ---- XML to TTLV ---------------------------------------------------------------------------

  /**
   * @param request whether placeholders are to be resolved (a request) or kept (an expected response)
   */
  private Ttlv toTtlv(Element e, boolean request) {
    int tag;
    Tag known = null;
    if (e.hasAttribute("tag")) {
      tag = Integer.parseInt(e.getAttribute("tag").substring(2), 16);
    } else {
      known = Tag.fromXmlName(e.getTagName());
      if (known == null) {
        throw new IllegalArgumentException(file.getFileName() + ": unknown element <" + e.getTagName() + ">");
      }
      tag = known.value();
    }
    String typeName = e.getAttribute("type");
    ItemType type = typeName.isEmpty() ? ItemType.STRUCTURE : ItemType.fromXmlName(typeName);
    String value = e.getAttribute("value");
    switch (type) {
      case STRUCTURE -> {
        List<Ttlv> c = new ArrayList<>();
        for (Element child : children(e)) {
          c.add(toTtlv(child, request));
        }
        return Ttlv.structure(tag, c);
      }
      case INTEGER -> {
        EnumInfo info = enumerationOf(e, known);
        if (info != null && info.mask() && !value.matches("-?\\d+") && !value.startsWith("0x")) {
          return Ttlv.integer(tag, info.namesToMask(value));
        }
        return Ttlv.integer(tag, value.startsWith("0x") ? (int) Long.parseLong(value.substring(2), 16) : Integer.parseInt(value));
      }
      case LONG_INTEGER -> {
        return Ttlv.longInteger(tag, value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value));
      }
      case BIG_INTEGER -> {
        return Ttlv.bigInteger(tag, new BigInteger(HexFormat.of().parseHex(value)));
      }
      case ENUMERATION -> {
        if (value.startsWith("0x")) {
          return Ttlv.enumeration(tag, (int) Long.parseLong(value.substring(2), 16));
        }
        EnumInfo info = enumerationOf(e, known);
        Integer v = info == null ? null : info.valueOf(value);
        if (v == null) {
          throw new IllegalArgumentException(file.getFileName() + ": <" + e.getTagName() + "> value " + value + " unknown");
        }
        return Ttlv.enumeration(tag, v);
      }
      case BOOLEAN -> {
        return Ttlv.bool(tag, Boolean.parseBoolean(value));
      }
      case TEXT_STRING -> {
        return Ttlv.text(tag, request ? uids.getOrDefault(value, value) : value);
      }
      case BYTE_STRING -> {
        return Ttlv.bytes(tag, HexFormat.of().parseHex(value));
      }
      case DATE_TIME -> {
        Matcher m = NOW.matcher(value);
        if (m.matches()) {
          if (!request) {
            return Ttlv.dateTime(tag, ANY_TIME);
          }
          long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
          return Ttlv.dateTime(tag, now.getEpochSecond() + offset);
        }
        return Ttlv.dateTime(tag, OffsetDateTime.parse(value).toEpochSecond());
      }
      case INTERVAL -> {
        return Ttlv.interval(tag, Long.parseLong(value));
      }
      default -> throw new IllegalArgumentException(file.getFileName() + ": item type " + type + " not handled");
    }
  }

  /** The enumeration of an element's value: its tag's, or for an Attribute Value its Attribute Name's. */
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

  static Element child(Element parent, String name) {
    for (Element c : children(parent)) {
      if (c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static List<Element> childrenNamed(Element parent, String name) {
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

  static ResultReason reasonOf(String xmlName) {
    return ResultReason.fromXmlName(xmlName);
  }
}
