package io.keyfed.kmip.vectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The OASIS KMIP test-case vectors (shared/kmip-vectors) as the tests read them. The tree lives
 * outside the module: system property {@code keyfed.vectors}, by default
 * {@code ../../shared/kmip-vectors} from the ejb module. Without the property a missing default
 * directory skips the calling test; with it, a missing directory fails.
 *
 * <p>Two repairs, the same for every test: the {@code # TIME n} step offsets that the 1.0-1.3
 * documents put between messages are not XML and are removed; one published file (v1.4
 * TC-ECDSA-SIGN-1-14) closes its root twice and is cut after the first root end tag. Any other
 * malformed file fails.
 */
public final class VectorFiles {

  /** "# TIME n" step offsets that the 1.0-1.3 documents put between messages; not XML. */
  private static final Pattern TIME_MARK = Pattern.compile("#\\s*TIME\\s+\\d+");

  /** Document roots that wrap the messages and are not tags: KMIP, and Cosmian's 1.0 extraction root. */
  public static final List<String> WRAPPERS = List.of("KMIP", "KmipTestCase");

  private VectorFiles() {}

  /** One vector file, parsed. {@code repaired} says whether the doubled root end tag was cut. */
  public record VectorFile(Path path, String relative, String text, Document document, boolean repaired) {

    /** The first path element below the vector root: "v1.4", "ovh-kmip-go", ... */
    public String versionDir() {
      String rel = relative.replace('\\', '/');
      if (rel.startsWith("ovh-kmip-go/")) {
        int next = rel.indexOf('/', "ovh-kmip-go/".length());
        return next < 0 ? "ovh-kmip-go" : rel.substring(0, next);
      }
      int slash = rel.indexOf('/');
      return slash < 0 ? "." : rel.substring(0, slash);
    }

    /** The directory the file sits in below its version: "mandatory", "optional" or "testcases". */
    public String bucket() {
      String rel = relative.replace('\\', '/');
      for (String b : List.of("mandatory", "optional", "testcases")) {
        if (rel.contains("/" + b + "/")) {
          return b;
        }
      }
      return "other";
    }

    public boolean mandatory() {
      return bucket().equals("mandatory");
    }
  }

  /** The vector root, asserting or assuming that it exists (see the class comment). */
  public static Path root() {
    String configured = System.getProperty("keyfed.vectors");
    Path dir = Path.of(configured != null ? configured : "../../shared/kmip-vectors");
    if (configured == null) {
      assumeTrue(Files.isDirectory(dir), "no vectors at " + dir.toAbsolutePath());
    }
    assertTrue(Files.isDirectory(dir), "keyfed.vectors is not a directory: " + dir);
    return dir;
  }

  /** Every *.xml below the root, sorted by path. */
  public static List<Path> list(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() > 0, "no *.xml under " + root);
    return files;
  }

  /** Reads and parses one file with the two repairs of the class comment. */
  public static VectorFile read(Path root, Path f) throws Exception {
    String rel = root.relativize(f).toString();
    String text = TIME_MARK.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("");
    try {
      return new VectorFile(f, rel, text, parse(text), false);
    } catch (SAXException e) {
      for (String wrapper : WRAPPERS) {
        String end = "</" + wrapper + ">";
        int first = text.indexOf(end);
        if (first >= 0 && text.indexOf(end, first + end.length()) >= 0) {
          String cut = text.substring(0, first + end.length());
          return new VectorFile(f, rel, cut, parse(cut), true);
        }
      }
      throw new AssertionError(rel + " is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** Parses XML text with DTDs disallowed, no entity expansion, no XInclude. */
  public static Document parse(String text) throws Exception {
    DocumentBuilder b = BUILDER.get();
    return b.parse(new InputSource(new StringReader(text)));
  }

  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
    try {
      return builder();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  });

  private static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    dbf.setXIncludeAware(false);
    dbf.setExpandEntityReferences(false);
    DocumentBuilder b = dbf.newDocumentBuilder();
    b.setErrorHandler(new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {}

      @Override
      public void error(SAXParseException e) throws SAXException {
        throw e;
      }

      @Override
      public void fatalError(SAXParseException e) throws SAXException {
        throw e;
      }
    });
    return b;
  }
}
