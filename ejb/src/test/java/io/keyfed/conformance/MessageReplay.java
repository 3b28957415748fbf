package io.keyfed.conformance;

import io.keyfed.conformance.OasisTestCase.ItemRules;
import io.keyfed.conformance.OasisTestCase.Step;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Replays one test case message by message: each Request Message goes to the server whole, as the
 * file has it (its protocol version, batch options, every batch item), with the placeholders
 * filled in; the whole Response Message that comes back is compared with the expected one
 * ({@link OasisTestCase#compare}), batch item by batch item.
 *
 * <p>What is per-run in a batch item follows the test-case documents' list of values a conformant
 * server may vary: key material, certificates and output of a key the server generated in this
 * test case (Create, Create Key Pair, Re-key, Derive Key, Certify, ...), randomised output
 * (RSA-OAEP encryption, RSA-PSS and (EC)DSA signatures, RNG Retrieve, an IV the server chose),
 * lists a server may extend (Get Attributes, Get Attribute List, Query, Discover Versions without
 * a list), and what describes the server itself (the CK_INFO of PKCS#11 C_GetInfo, of the
 * expected length).
 */
public final class MessageReplay {

  /** Sends one whole request message and returns the whole response message. */
  @FunctionalInterface
  public interface Exchange {
    Ttlv exchange(Ttlv requestMessage) throws IOException;
  }

  /** Operations whose returned identifiers name objects with server-generated material. */
  private static final Set<Operation> GENERATING = EnumSet.of(Operation.CREATE, Operation.CREATE_KEY_PAIR,
      Operation.RE_KEY, Operation.RE_KEY_KEY_PAIR, Operation.DERIVE_KEY, Operation.CERTIFY, Operation.RE_CERTIFY,
      Operation.CREATE_SPLIT_KEY, Operation.JOIN_SPLIT_KEY);

  /** Lists a conformant server may extend. */
  private static final Set<Operation> OPEN_PAYLOADS = EnumSet.of(Operation.GET_ATTRIBUTES,
      Operation.GET_ATTRIBUTE_LIST, Operation.QUERY);

  /** Request values that make an operation's output random: RSA-OAEP, RSA-PSS, (EC)DSA. */
  private static final Pattern RANDOMISED = Pattern.compile("OAEP|PSS|RSASSA.?PSS|EC|ECDSA|DSA|\\w*ECDSA\\w*|\\w*DSAWith\\w*");

  private static final Set<Tag> CRYPTO_OUTPUT = EnumSet.of(Tag.DATA, Tag.IV_COUNTER_NONCE,
      Tag.AUTHENTICATED_ENCRYPTION_TAG, Tag.SIGNATURE_DATA, Tag.MAC_DATA);

  private final OasisTestCase tc;
  /** Identifiers of objects the server generated in this test case. */
  private final Set<String> generated = new HashSet<>();
  /** Identifiers of keys whose signatures or encryptions are randomised (EC, DSA keys). */
  private final Set<String> randomKeys = new HashSet<>();
  /** Identifiers of objects this test case registered (their material is in the file). */
  private final Set<String> registered = new HashSet<>();
  private String lastId;
  public final List<String> problems = new ArrayList<>();
  public int messages;
  public int items;

  public MessageReplay(OasisTestCase tc) {
    this.tc = tc;
  }

  /** Replays every step; stops at the first step whose response differs, or that cannot be sent or read. */
  public MessageReplay run(Exchange exchange) {
    for (Step step : tc.steps()) {
      String where = "message " + step.number();
      Ttlv request;
      try {
        request = tc.request(step.request());
      } catch (OasisTestCase.Unbound e) {
        problems.add(where + ": " + e.getMessage());
        return this;
      }
      Ttlv response;
      try {
        response = exchange.exchange(request);
      } catch (IOException e) {
        problems.add(where + ": " + e);
        return this;
      }
      messages++;
      if (step.response() == null) {
        continue;
      }
      compare(step, request, tc.expected(step.response()), response, where);
      if (!problems.isEmpty()) {
        // What follows a difference would only repeat it (an object not created, a state not reached).
        return this;
      }
    }
    return this;
  }

  private void compare(Step step, Ttlv request, Ttlv expected, Ttlv actual, String where) {
    if (!actual.is(Tag.RESPONSE_MESSAGE)) {
      problems.add(where + ": expected a Response Message, got " + actual);
      return;
    }
    tc.compare(expected.child(Tag.RESPONSE_HEADER), actual.child(Tag.RESPONSE_HEADER), where, ItemRules.STRICT, problems);
    List<Ttlv> wantItems = expected.children(Tag.BATCH_ITEM);
    List<Ttlv> gotItems = actual.children(Tag.BATCH_ITEM);
    List<Ttlv> sentItems = request.children(Tag.BATCH_ITEM);
    List<Element> sentXml = OasisTestCase.named(step.request(), "BatchItem");
    if (wantItems.size() != gotItems.size()) {
      problems.add(where + ": expected " + wantItems.size() + " batch items, got " + gotItems.size() + ": " + actual);
    }
    for (int i = 0; i < Math.min(wantItems.size(), gotItems.size()); i++) {
      Ttlv want = wantItems.get(i);
      Ttlv got = gotItems.get(i);
      Ttlv sent = matchingRequestItem(got, sentItems, i);
      Element sentElement = i < sentXml.size() ? sentXml.get(i) : null;
      Ttlv opField = got.child(Tag.OPERATION) != null ? got.child(Tag.OPERATION) : want.child(Tag.OPERATION);
      Operation op = opField == null ? null : Operation.fromValue(opField.asInt());
      items++;
      ItemRules rules = rules(op, sent, sentElement, want);
      Ttlv wantStatus = want.child(Tag.RESULT_STATUS);
      Ttlv gotStatus = got.child(Tag.RESULT_STATUS);
      if (wantStatus != null && gotStatus != null && wantStatus.asInt() != gotStatus.asInt()) {
        problems.add(where + " item " + (i + 1) + (op == null ? "" : " " + op.xmlName()) + ": expected " + want
            + ", got " + got);
        learn(op, sent, sentElement, got);
        continue;
      }
      tc.compare(want, got, where + " item " + (i + 1) + (op == null ? "" : " " + op.xmlName()), rules, problems);
      if (op == Operation.PKCS_11 && describesItself(sent == null ? null : sent.child(Tag.REQUEST_PAYLOAD))) {
        sameLength(want, got, Tag.PKCS_11_OUTPUT_PARAMETERS, where + " item " + (i + 1) + " PKCS_11");
      }
      learn(op, sent, sentElement, got);
    }
  }

  /** The request item a response item answers: the same Unique Batch Item ID, else the same position. */
  private static Ttlv matchingRequestItem(Ttlv got, List<Ttlv> sent, int i) {
    Ttlv id = got.child(Tag.UNIQUE_BATCH_ITEM_ID);
    if (id != null) {
      for (Ttlv s : sent) {
        if (id.equals(s.child(Tag.UNIQUE_BATCH_ITEM_ID))) {
          return s;
        }
      }
    }
    return i < sent.size() ? sent.get(i) : null;
  }

  private ItemRules rules(Operation op, Ttlv sent, Element sentXml, Ttlv want) {
    if (op == null) {
      return ItemRules.STRICT;
    }
    Ttlv payload = sent == null ? null : sent.child(Tag.REQUEST_PAYLOAD);
    String target = target(payload);
    boolean serverKey = target != null && generated.contains(target);
    boolean randomised = target != null && randomKeys.contains(target) || sentXml != null && mentionsRandomised(sentXml);
    boolean sentIv = payload != null && payload.child(Tag.IV_COUNTER_NONCE) != null;
    Ttlv wantPayload = want.child(Tag.RESPONSE_PAYLOAD);
    boolean serverIv = !sentIv && wantPayload != null && wantPayload.child(Tag.IV_COUNTER_NONCE) != null;
    Predicate<Tag> perRun = switch (op) {
      case GET, EXPORT, GET_ATTRIBUTES -> t -> serverKey && isMaterial(t);
      case ENCRYPT -> t -> (serverKey || randomised || serverIv) && CRYPTO_OUTPUT.contains(t);
      case DECRYPT, SIGN, MAC -> t -> (serverKey || randomised) && CRYPTO_OUTPUT.contains(t);
      case RNG_RETRIEVE -> t -> t == Tag.DATA;
      // C_GetInfo answers the server's own CK_INFO (manufacturer, description, versions), as
      // Query answers the server's own lists; its layout is checked in describesItself.
      case PKCS_11 -> t -> t == Tag.PKCS_11_OUTPUT_PARAMETERS && describesItself(payload);
      default -> t -> false;
    };
    boolean open = OPEN_PAYLOADS.contains(op) || op == Operation.DISCOVER_VERSIONS
        && (payload == null || payload.child(Tag.PROTOCOL_VERSION) == null);
    return new ItemRules(perRun, open, op == Operation.QUERY);
  }

  /**
   * A PKCS#11 request for C_GetInfo: its output is the server's CK_INFO, whose values are the
   * server's own but whose layout is fixed.
   */
  private static boolean describesItself(Ttlv payload) {
    Ttlv f = payload == null ? null : payload.child(Tag.PKCS_11_FUNCTION);
    return f != null && f.asInt() == io.keyfed.kmip.spec.PKCS11Function.C_GETINFO.value();
  }

  /** A server-chosen Byte String must still have the expected length (a fixed-layout structure). */
  private void sameLength(Ttlv want, Ttlv got, Tag tag, String where) {
    Ttlv w = want.child(Tag.RESPONSE_PAYLOAD) == null ? null : want.child(Tag.RESPONSE_PAYLOAD).child(tag);
    Ttlv g = got.child(Tag.RESPONSE_PAYLOAD) == null ? null : got.child(Tag.RESPONSE_PAYLOAD).child(tag);
    if (w != null && g != null && w.asBytes().length != g.asBytes().length) {
      problems.add(where + ": " + tag.xmlName() + " has " + g.asBytes().length + " bytes, the layout has "
          + w.asBytes().length);
    }
  }

  /** The bytes and big integers of a key value or certificate: a generated key's differ on every run. */
  private static boolean isMaterial(Tag t) {
    return t.type() == ItemType.BYTE_STRING || t.type() == ItemType.BIG_INTEGER || t == Tag.KEY_MATERIAL
        || t == Tag.CERTIFICATE_VALUE;
  }

  /** The object a request is about: its Unique Identifier, else the ID Placeholder. */
  private String target(Ttlv payload) {
    Ttlv id = payload == null ? null : payload.child(Tag.UNIQUE_IDENTIFIER);
    if (id != null && id.type() == ItemType.TEXT_STRING) {
      return id.asText();
    }
    return lastId;
  }

  private static boolean mentionsRandomised(Element e) {
    if (RANDOMISED.matcher(e.getAttribute("value")).matches()) {
      return true;
    }
    for (Element c : OasisTestCase.children(e)) {
      if (mentionsRandomised(c)) {
        return true;
      }
    }
    return false;
  }

  /** Remembers the identifiers an item returned (the ID Placeholder; generated and randomising keys). */
  private void learn(Operation op, Ttlv sent, Element sentXml, Ttlv got) {
    Ttlv status = got.child(Tag.RESULT_STATUS);
    Ttlv payload = got.child(Tag.RESPONSE_PAYLOAD);
    if (status == null || status.asInt() != 0 || payload == null) {
      return;
    }
    tc.bindByTag(payload);
    List<String> ids = new ArrayList<>();
    for (Tag t : List.of(Tag.UNIQUE_IDENTIFIER, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)) {
      for (Ttlv id : payload.children(t)) {
        if (id.type() == ItemType.TEXT_STRING) {
          ids.add(id.asText());
        }
      }
    }
    if (ids.isEmpty() || op == null) {
      return;
    }
    if (op != Operation.LOCATE || ids.size() == 1) {
      lastId = ids.get(0);
    }
    if (GENERATING.contains(op)) {
      generated.addAll(ids);
    }
    if (op == Operation.LOCATE) {
      // An object this test case neither created nor registered (TL-M-3 reads the key TL-M-2
      // created): its material is not written in this file, so it is per-run here.
      for (String id : ids) {
        if (!registered.contains(id)) {
          generated.add(id);
        }
      }
    } else if (op == Operation.REGISTER) {
      registered.addAll(ids);
    }
    if ((op == Operation.REGISTER || GENERATING.contains(op)) && sentXml != null && mentionsRandomised(sentXml)) {
      randomKeys.addAll(ids);
    }
  }
}
