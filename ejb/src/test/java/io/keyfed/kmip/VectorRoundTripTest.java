package io.keyfed.kmip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyfed.kmip.json.KmipJson;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import io.keyfed.kmip.vectors.VectorDom;
import io.keyfed.kmip.vectors.VectorFiles;
import io.keyfed.kmip.vectors.VectorFiles.VectorFile;
import io.keyfed.kmip.xml.KmipXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every Request and Response Message of every OASIS vector file (shared/kmip-vectors, read through
 * {@link VectorFiles}) goes the whole way round:
 *
 * <pre>
 * XML → Ttlv → RequestMessage/ResponseMessage.decode → encode → TTLV bytes → Ttlv → XML
 * </pre>
 *
 * and the XML written must be equivalent to the input. On the way, the decoded-and-encoded tree
 * must equal the tree read (the message model drops nothing), and the tree read back from the bytes
 * must equal the tree written. The JSON encoding goes round too: the tree read back from the bytes
 * is written as JSON, read again (it must be the same tree, and writing it again the same text),
 * and it is that tree which is written as the XML compared with the input:
 *
 * <pre>
 * ... → Ttlv → JSON → Ttlv → XML
 * </pre>
 *
 * <p><b>Placeholders.</b> The vectors write per-run values as symbols. Where the item type can carry
 * the symbol as written (Text String, and the 3.0 Identifier / Reference / Name Reference), it
 * travels as text. Where it cannot, the input is substituted before it is read and the output is
 * compared with the same substituted input: {@code $NOW} / {@code $NOW±n} in a Date-Time become a
 * fixed instant ({@link VectorDom#NOW}) ± n seconds; {@code $KEY_MATERIAL}, {@code $DATA_n},
 * {@code $CORRELATION_VALUE} and every other {@code $NAME} in a Byte String become the hex of the
 * placeholder's own UTF-8 bytes. No other item type holds a placeholder in the vectors; one that
 * did would fail the test.
 *
 * <p><b>Normalisations</b> (what "equivalent" allows; each is counted and printed):
 * <ul>
 *   <li>whitespace between elements, comments, attribute order (DOM comparison);
 *   <li>{@code type="Structure"} is the same as no type;
 *   <li>hex case: {@code tag="0x..."}, Byte String values (written lower-case);
 *   <li>Big Integer hex by value (written as the TTLV bytes: sign-extended to a multiple of 8);
 *   <li>Date-Time by instant (written in UTC, {@code +00:00}; some vectors use {@code +10:00});
 *   <li>masks as sets of names (written space-separated in ascending bit order, as most vectors do);
 *   <li>an enumeration or mask name equals another spelling of the same value that the tables
 *       accept (earlier spec names and the vectors' own spellings);
 *   <li>decimal and hex numbers by value.
 * </ul>
 *
 * <p><b>Skip-lists.</b> No file is skipped whole ({@link #SKIP} is empty; an entry would need a
 * reason and may never be a mandatory case). One leg is skipped for some files: the KMIP 3.0
 * draft item types (Identifier, Reference, Name Reference) have no TTLV encoding in this codec (no
 * published standard defines their value layout, and 3.0 is beyond Keyfed's 1.0–2.1), so messages
 * that use them go XML → Ttlv → message model → Ttlv → JSON → Ttlv → XML without the bytes and are
 * counted apart ("tree-only"). The files are listed one per line with their reason in
 * {@code vectors/ttlv-leg-skips.tsv}; the reason names each tag written with a draft type and how
 * often, and the test fails when the list is stale, incomplete, or names a file outside v3.0.
 *
 * <p><b>Truncation.</b> The TTLV encoding of every message is cut at every length from 0 to one
 * byte short; each cut must raise a {@link TtlvException} (no sampling: every cut of every
 * message).
 */
class VectorRoundTripTest {

  /** File (relative path) → why it is skipped. Never a mandatory case. */
  private static final Map<String, String> SKIP = Map.of();

  /** The reason every line of ttlv-leg-skips.tsv starts with; the rest names the items. */
  private static final String DRAFT_TYPES = "KMIP 3.0 draft item types, no TTLV encoding: ";

  private static final KmipXml XML = new KmipXml();
  private static final KmipJson JSON = new KmipJson();
  private static final TtlvReader READER = new TtlvReader();

  private static final class Stats {
    int files;
    int messages;
    int passed;
    int treeOnly;
    int skippedFiles;
    int treeOnlyFiles;
  }

  @Test
  void everyVectorMessageRoundTrips() throws Exception {
    Path root = VectorFiles.root();
    Map<String, Stats> byVersion = new TreeMap<>();
    VectorDom.Counts counts = new VectorDom.Counts();
    Map<String, Integer> truncations = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Map<String, String> ttlvLegSkips = ttlvLegSkips();
    for (Path f : VectorFiles.list(root)) {
      VectorFile vf = VectorFiles.read(root, f);
      Stats s = byVersion.computeIfAbsent(vf.versionDir(), k -> new Stats());
      s.files++;
      String reason = SKIP.get(vf.relative());
      if (reason != null) {
        assertFalse(vf.mandatory(), "a mandatory case may not be skipped: " + vf.relative());
        s.skippedFiles++;
        continue;
      }
      int i = 0;
      Map<String, Integer> draftItems = new TreeMap<>();
      for (Element message : VectorDom.childElements(vf.document().getDocumentElement())) {
        s.messages++;
        i++;
        try {
          boolean full = roundTrip(message, counts, truncations, draftItems);
          if (full) {
            s.passed++;
          } else {
            s.treeOnly++;
          }
        } catch (Exception | AssertionError e) {
          failures.add(vf.relative() + " message " + i + " (" + message.getTagName() + "): " + e);
        }
      }
      String listed = ttlvLegSkips.remove(vf.relative().replace('\\', '/'));
      if (!draftItems.isEmpty()) {
        s.treeOnlyFiles++;
        StringBuilder expected = new StringBuilder(DRAFT_TYPES);
        draftItems.forEach((item, n) -> expected.append(expected.length() > DRAFT_TYPES.length() ? ", " : "")
            .append(item).append(" (").append(n).append(')'));
        if (!expected.toString().equals(listed)) {
          failures.add(vf.relative() + ": ttlv-leg-skips.tsv must say \"" + expected + "\" but says " + (listed == null ? "nothing" : "\"" + listed + "\""));
        } else if (!vf.relative().replace('\\', '/').startsWith("v3.0/")) {
          failures.add(vf.relative() + ": only KMIP 3.0 draft files may skip the TTLV leg");
        }
      } else if (listed != null) {
        failures.add(vf.relative() + ": stale line in ttlv-leg-skips.tsv (every message of the file takes the TTLV leg)");
      }
    }
    ttlvLegSkips.keySet().forEach(f -> failures.add(f + ": ttlv-leg-skips.tsv names a file that is not in the vectors"));
    System.out.println("VectorRoundTripTest (XML → Ttlv → message → TTLV bytes → Ttlv → JSON → Ttlv → XML):");
    System.out.println("  passed: the whole way round; tree-only: all but the TTLV bytes (KMIP 3.0 draft item types,"
        + " files in ttlv-leg-skips.tsv); skipped: whole files in SKIP");
    System.out.printf("  %-20s %6s %9s %7s %10s %16s %13s%n", "directory", "files", "messages", "passed", "tree-only",
        "tree-only files", "skipped files");
    Stats total = new Stats();
    byVersion.forEach((v, s) -> {
      System.out.printf("  %-20s %6d %9d %7d %10d %16d %13d%n", v, s.files, s.messages, s.passed, s.treeOnly, s.treeOnlyFiles, s.skippedFiles);
      total.files += s.files;
      total.messages += s.messages;
      total.passed += s.passed;
      total.treeOnly += s.treeOnly;
      total.treeOnlyFiles += s.treeOnlyFiles;
      total.skippedFiles += s.skippedFiles;
    });
    System.out.printf("  %-20s %6d %9d %7d %10d %16d %13d%n", "total", total.files, total.messages, total.passed, total.treeOnly,
        total.treeOnlyFiles, total.skippedFiles);
    System.out.println("  normalisations and substitutions: " + counts.byName);
    System.out.println("  truncations, by problem: " + truncations);
    if (!failures.isEmpty()) {
      fail(failures.size() + " messages did not round-trip; first ones:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(40, failures.size()))));
    }
  }

  /** @return true when the message went through TTLV bytes, false when tree only */
  private static boolean roundTrip(Element message, VectorDom.Counts counts, Map<String, Integer> truncations,
      Map<String, Integer> draftItems) throws Exception {
    Element in = (Element) message.cloneNode(true);
    VectorDom.substitutePlaceholders(in, counts);
    Ttlv read = XML.read(VectorDom.serialize(in));
    Ttlv model = switch (in.getTagName()) {
      case "RequestMessage" -> RequestMessage.decode(read).encode();
      case "ResponseMessage" -> ResponseMessage.decode(read).encode();
      default -> throw new AssertionError("not a message: <" + in.getTagName() + ">");
    };
    assertEquals(read, model, "the message model changed the tree");
    boolean full = countDraftTypes(model, draftItems) == 0;
    Ttlv back = model;
    if (full) {
      byte[] bytes = TtlvWriter.encode(model);
      back = READER.read(bytes);
      assertEquals(model, back, "TTLV bytes changed the tree");
      for (int len = 0; len < bytes.length; len++) {
        try {
          READER.read(bytes, 0, len);
          fail("a message cut to " + len + " of " + bytes.length + " bytes was accepted");
        } catch (TtlvException e) {
          truncations.merge(e.problem().name(), 1, Integer::sum);
        }
      }
    }
    String json = JSON.write(back);
    Ttlv fromJson = JSON.read(json);
    assertEquals(back, fromJson, "the JSON encoding changed the tree");
    assertEquals(json, JSON.write(fromJson), "JSON written twice differs");
    String written = XML.write(fromJson);
    Element out = VectorFiles.parse(written).getDocumentElement();
    String d = VectorDom.difference(in, out, counts);
    if (d != null) {
      throw new AssertionError(d);
    }
    return full;
  }

  /** Counts the items of a KMIP 3.0 draft type, as "TagName as TypeName", into {@code into}. */
  private static int countDraftTypes(Ttlv t, Map<String, Integer> into) {
    if (t.type() == ItemType.IDENTIFIER || t.type() == ItemType.REFERENCE || t.type() == ItemType.NAME_REFERENCE) {
      into.merge(t.tagName() + " as " + t.type().xmlName(), 1, Integer::sum);
      return 1;
    }
    int n = 0;
    if (t.isStructure()) {
      for (Ttlv c : t.children()) {
        n += countDraftTypes(c, into);
      }
    }
    return n;
  }

  /** ttlv-leg-skips.tsv: file → reason. */
  private static Map<String, String> ttlvLegSkips() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = VectorRoundTripTest.class.getResourceAsStream("vectors/ttlv-leg-skips.tsv")) {
      assertNotNull(in, "vectors/ttlv-leg-skips.tsv");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        assertTrue(tab > 0 && tab < line.length() - 1, "not \"file<TAB>reason\": " + line);
        assertNull(out.put(line.substring(0, tab), line.substring(tab + 1)), "listed twice: " + line);
      }
    }
    return out;
  }
}
