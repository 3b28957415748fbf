package io.keyfed.kmip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.vectors.VectorDom;
import io.keyfed.kmip.vectors.VectorFiles;
import io.keyfed.kmip.vectors.VectorFiles.VectorFile;
import io.keyfed.kmip.xml.KmipXml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class VersionGuardTest {

  private static Ttlv attribute1x(String name, Ttlv value) {
    return Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, name), value.retag(Tag.ATTRIBUTE_VALUE));
  }

  private static Ttlv getAttributesResponse(Ttlv... attributes) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "1"));
    c.addAll(List.of(attributes));
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, c);
  }

  @Test
  void a1xClientIsNotSentAnAttributeItsVersionLacks() {
    Ttlv created = Ttlv.dateTime(Tag.ORIGINAL_CREATION_DATE, Instant.EPOCH);
    Ttlv payload = getAttributesResponse(
        attribute1x("Cryptographic Length", Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        attribute1x("Original Creation Date", created),
        attribute1x("x-site", Ttlv.text(Tag.ATTRIBUTE_VALUE, "north")));
    List<String> dropped = new ArrayList<>();

    Ttlv to11 = VersionGuard.confine(payload, KmipVersion.V1_1, dropped::add);

    assertEquals(List.of("ResponsePayload/Attribute[Original Creation Date] (KMIP 1.1 has no attribute Original Creation Date)"),
        dropped);
    assertEquals(getAttributesResponse(
        attribute1x("Cryptographic Length", Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        attribute1x("x-site", Ttlv.text(Tag.ATTRIBUTE_VALUE, "north"))), to11);
    // KMIP 1.2 added the attribute: the same payload passes whole, as the same object.
    assertSame(payload, VersionGuard.confine(payload, KmipVersion.V1_2, d -> fail("dropped " + d)));
  }

  @Test
  void tagsAddedLaterRemovedSinceOrOfNoVersionAreLeftOutAtAnyDepth() {
    Ttlv inner = Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1),
        Ttlv.bool(Tag.SENSITIVE, true),                  // since 1.4
        Ttlv.integer(0x42FFFE, 7));                      // in no version
    Ttlv payload = Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "1"), inner,
        Ttlv.integer(Tag.ATTRIBUTE_INDEX, 0));           // removed in 2.0

    assertEquals(List.of(
        "ResponsePayload/KeyBlock/Sensitive (KMIP 1.3 does not define Sensitive)",
        "ResponsePayload/KeyBlock/0x42FFFE (no KMIP version defines this tag)"),
        VersionGuard.violations(payload, KmipVersion.V1_3));
    assertEquals(List.of(
        "ResponsePayload/KeyBlock/0x42FFFE (no KMIP version defines this tag)",
        "ResponsePayload/AttributeIndex (KMIP 2.0 does not define Attribute Index)"),
        VersionGuard.violations(payload, KmipVersion.V2_0));
    Ttlv to20 = VersionGuard.confine(payload, KmipVersion.V2_0, d -> { });
    assertEquals(Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "1"),
        Ttlv.structure(Tag.KEY_BLOCK, Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1), Ttlv.bool(Tag.SENSITIVE, true))), to20);
  }

  @Test
  void aTagWithTheTypeOfAnotherVersionIsLeftOut() {
    // Asynchronous Indicator: a Boolean in 1.x, an Enumeration from 2.0.
    Ttlv asEnumeration = Ttlv.enumeration(Tag.ASYNCHRONOUS_INDICATOR, 1);
    assertTrue(VersionGuard.violations(asEnumeration, KmipVersion.V2_1).isEmpty());
    assertEquals(List.of("AsynchronousIndicator (KMIP 1.4 gives Asynchronous Indicator the type [BOOLEAN], not ENUMERATION)"),
        VersionGuard.violations(asEnumeration, KmipVersion.V1_4));
    assertNull(VersionGuard.confine(asEnumeration, KmipVersion.V1_4, d -> { }));
  }

  @Test
  void vendorExtensionsPassWithEverythingInThem() {
    Ttlv vendor = Ttlv.structure(0x540003, List.of(Ttlv.bool(Tag.SENSITIVE, true), Ttlv.integer(0x42FFFE, 1)));
    Ttlv payload = Ttlv.structure(Tag.RESPONSE_PAYLOAD, vendor);
    assertSame(payload, VersionGuard.confine(payload, KmipVersion.V1_0, d -> fail("dropped " + d)));
  }

  /**
   * The tables against OASIS: every response message of the published test cases, 1.0 to 2.1,
   * fits the protocol version in its own header. A violation here is a wrong "since" or
   * "removedIn" in tags.json, or a test case that uses a tag its version lacks.
   */
  @Test
  void everyOasisResponseFitsItsOwnVersion() throws Exception {
    Path root = VectorFiles.root();
    KmipXml xml = new KmipXml();
    Map<String, Integer> checked = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    for (Path f : VectorFiles.list(root)) {
      VectorFile vf = VectorFiles.read(root, f);
      if (!vf.versionDir().matches("v[12]\\.\\d")) {
        continue;
      }
      int i = 0;
      for (Element message : VectorDom.childElements(vf.document().getDocumentElement())) {
        i++;
        if (!message.getTagName().equals("ResponseMessage")) {
          continue;
        }
        Element copy = (Element) message.cloneNode(true);
        VectorDom.substitutePlaceholders(copy, new VectorDom.Counts());
        Ttlv tree = xml.read(VectorDom.serialize(copy));
        KmipVersion v = ResponseMessage.decode(tree).header().protocolVersion().known();
        checked.merge(vf.versionDir(), 1, Integer::sum);
        for (String p : VersionGuard.violations(tree, v)) {
          violations.add(vf.relative() + " message " + i + " (KMIP " + v.label() + "): " + p);
        }
      }
    }
    System.out.println("VersionGuardTest: OASIS responses checked against their own version: " + checked);
    assertTrue(checked.values().stream().mapToInt(Integer::intValue).sum() > 1000, "too few responses: " + checked);
    assertTrue(violations.isEmpty(), violations.size() + " violations:\n  "
        + String.join("\n  ", violations.subList(0, Math.min(40, violations.size()))));
  }
}
