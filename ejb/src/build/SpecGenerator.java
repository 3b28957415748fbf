import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the KMIP tables in {@code src/main/spec} (item-types.json, tags.json, enumerations.json)
 * into Java sources of package {@code io.keyfed.kmip.spec}: {@code ItemType}, {@code Tag}, one enum
 * per enumeration or mask, and {@code Enumerations}.
 *
 * <p>Run as a single-file program, so it depends on nothing but the JDK (it carries its own strict
 * JSON reader): {@code java SpecGenerator.java <specDir> <outDir>}. Files whose content has not
 * changed are left alone, so that the compiler's incremental build stays incremental; generated
 * files no table produces any more are deleted.
 *
 * <p>The tables are checked before anything is written: unknown keys, malformed numbers or
 * versions, duplicate values, names or Java constants, and references to unknown item types or
 * enumerations all stop the build with a message naming the entry. The schema is described in
 * src/main/spec/README.md. This file is ASCII on purpose: the source launcher of Java 17 reads it
 * in the platform charset.
 */
public final class SpecGenerator {

  static final String PACKAGE = "io.keyfed.kmip.spec";
  static final String HEADER = "// GENERATED from src/main/spec \u2014 DO NOT EDIT\n";
  static final String HEADER_PREFIX = "// GENERATED from src/main/spec";

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java SpecGenerator.java <specDir> <outDir>");
      System.exit(2);
    }
    Path specDir = Path.of(args[0]);
    Path outDir = Path.of(args[1]).resolve(PACKAGE.replace('.', '/'));
    Map<String, String> sources;
    try {
      Model model = Model.load(specDir);
      sources = new Emitter(model).all();
    } catch (SpecException e) {
      System.err.println("SpecGenerator: " + e.getMessage());
      System.exit(1);
      return;
    }
    int written = writeChanged(outDir, sources);
    System.out.println("SpecGenerator: " + sources.size() + " sources in " + outDir + ", "
        + written + " rewritten");
  }

  /** Writes files whose bytes differ, deletes generated files no longer produced. */
  static int writeChanged(Path dir, Map<String, String> sources) throws IOException {
    Files.createDirectories(dir);
    int written = 0;
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = dir.resolve(e.getKey());
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        continue;
      }
      Files.write(file, bytes);
      written++;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.collect(Collectors.toList())) {
        String n = f.getFileName().toString();
        if (n.endsWith(".java") && !sources.containsKey(n) && isGenerated(f)) {
          Files.delete(f);
        }
      }
    }
    return written;
  }

  static boolean isGenerated(Path f) {
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      return !lines.isEmpty() && lines.get(0).startsWith(HEADER_PREFIX);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ============================================================================================
  // Names
  // ============================================================================================

  /**
   * The CamelCase form of a KMIP name used by the XML and JSON encodings, by the rules of KMIP
   * Additional Message Encodings v1.0 section 4.1.3 / 6.1.3 ("Normalizing Names").
   */
  static String xmlName(String specName) {
    String s = specName.replaceAll("[()]", " ");                   // 1. brackets to spaces
    s = s.replaceAll("\\W([A-Za-z][a-z])", " $1");                // 2. non-word char before a word
    List<String> words = new ArrayList<>();
    for (String w : s.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w.replaceAll("\\W", "_"));                       // 3. other non-word chars
      }
    }
    if (words.isEmpty()) {
      throw new SpecException("cannot normalize the empty name");
    }
    words.set(0, words.get(0).replaceFirst("^(\\d+)(.*)$", "$2$1")); // 4. leading digits to the end
    StringBuilder sb = new StringBuilder();
    for (String w : words) {                                         // 5., 6. capitalize and join
      sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return sb.toString();
  }

  /**
   * The Java constant for a KMIP name: words are the runs of ASCII letters and digits (every other
   * character separates words and is dropped), joined by '_' and upper-cased. Digits leading the
   * first word move to its end, as in the XML rule ("3DES" becomes DES3).
   */
  static String javaConstant(String specName) {
    List<String> words = new ArrayList<>();
    for (String w : specName.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      throw new SpecException("no Java constant can be derived from \"" + specName + "\"");
    }
    Matcher m = Pattern.compile("^(\\d+)(.+)$").matcher(words.get(0));
    if (m.matches()) {
      words.set(0, m.group(2) + m.group(1));
    }
    String c = String.join("_", words).toUpperCase(Locale.ROOT);
    if (Character.isDigit(c.charAt(0))) {
      throw new SpecException("\"" + specName + "\" gives a Java constant starting with a digit;"
          + " give the entry a \"java\" name");
    }
    return c;
  }

  /** The Java type for an enumeration: its XML name without underscores ("PKCS#11 Function" -> PKCS11Function). */
  static String javaType(String specName) {
    return xmlName(specName).replace("_", "");
  }

  // ============================================================================================
  // Model
  // ============================================================================================

  static final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpecException(String message) {
      super(message);
    }
  }

  /** A protocol version as the tables write it ("1.4"). */
  record Version(int major, int minor) implements Comparable<Version> {
    static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)");

    static Version parse(Object o, String where) {
      if (!(o instanceof String s)) {
        throw new SpecException(where + ": a version must be a string like \"1.4\"");
      }
      Matcher m = FORM.matcher(s);
      if (!m.matches()) {
        throw new SpecException(where + ": bad version \"" + s + "\"");
      }
      return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    String java() {
      return "KmipVersion.V" + major + "_" + minor;
    }

    @Override
    public int compareTo(Version o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  /** An earlier spelling of a name. */
  record Alias(String name, Version since, Version until, String note) {}

  record ItemTypeDef(String name, int code, Version since, String xml, String constant,
      List<Alias> aliases, String spec) {}

  record TypeSegment(Version since, List<String> types) {}

  record TagDef(String name, int value, String xml, String constant, List<TypeSegment> segments,
      String enumeration, Version since, Version deprecatedIn, Version removedIn,
      List<String> xmlAliases, List<Alias> aliases, String spec, String notes) {

    /** All item types any version allows. */
    Set<String> allTypes() {
      Set<String> s = new LinkedHashSet<>();
      segments.forEach(g -> s.addAll(g.types()));
      return s;
    }

    /** The one item type of every version, or null. */
    String singleType() {
      Set<String> s = allTypes();
      return s.size() == 1 ? s.iterator().next() : null;
    }
  }

  record ValueDef(String name, int value, String xml, String constant, Version since,
      Version deprecatedIn, Version removedIn, List<String> xmlAliases, List<Alias> aliases,
      String spec, String note) {}

  record EnumDef(String name, String javaType, boolean mask, Version since, List<String> spec,
      String note, List<ValueDef> values) {}

  static final class Model {
    final List<ItemTypeDef> itemTypes = new ArrayList<>();
    final List<TagDef> tags = new ArrayList<>();
    final List<EnumDef> enums = new ArrayList<>();
    final Map<String, ItemTypeDef> itemTypeByXml = new HashMap<>();
    final Map<String, EnumDef> enumByName = new HashMap<>();

    static Model load(Path dir) throws IOException {
      Model m = new Model();
      m.loadItemTypes(Json.parse(read(dir.resolve("item-types.json")), "item-types.json"));
      m.loadEnums(Json.parse(read(dir.resolve("enumerations.json")), "enumerations.json"));
      m.loadTags(Json.parse(read(dir.resolve("tags.json")), "tags.json"));
      return m;
    }

    static String read(Path p) throws IOException {
      return Files.readString(p, StandardCharsets.UTF_8);
    }

    void loadItemTypes(Object root) {
      Map<String, Object> top = obj(root, "item-types.json", Set.of("about", "itemTypes"));
      Set<String> constants = new HashSet<>();
      Set<Integer> codes = new HashSet<>();
      for (Object o : list(top.get("itemTypes"), "itemTypes")) {
        Map<String, Object> e = obj(o, "item type", Set.of("name", "code", "since", "aliases", "spec", "note", "java"));
        String name = str(e, "name", "item type", true);
        String where = "item type \"" + name + "\"";
        int code = hex(e, "code", where, 2);
        if (code < 1 || !codes.add(code)) {
          throw new SpecException(where + ": code 0 or used twice");
        }
        String constant = e.containsKey("java") ? str(e, "java", where, true) : javaConstant(name);
        if (!constants.add(constant)) {
          throw new SpecException(where + ": Java constant " + constant + " used twice");
        }
        ItemTypeDef d = new ItemTypeDef(name, code, Version.parse(e.get("since"), where), xmlName(name),
            constant, aliases(e, where), str(e, "spec", where, true));
        itemTypes.add(d);
        itemTypeByXml.put(d.xml(), d);
        for (Alias a : d.aliases()) {
          ItemTypeDef prev = itemTypeByXml.putIfAbsent(xmlName(a.name()), d);
          if (prev != null && prev != d) {
            throw new SpecException(where + ": alias " + a.name() + " clashes with " + prev.name());
          }
        }
      }
    }

    void loadEnums(Object root) {
      Map<String, Object> top = obj(root, "enumerations.json", Set.of("about", "enumerations"));
      Set<String> types = new HashSet<>(Set.of("Tag", "ItemType", "Enumerations", "EnumInfo",
          "KmipEnum", "KmipVersion"));
      for (Object o : list(top.get("enumerations"), "enumerations")) {
        Map<String, Object> e = obj(o, "enumeration",
            Set.of("name", "since", "mask", "spec", "note", "values", "java"));
        String name = str(e, "name", "enumeration", true);
        String where = "enumeration \"" + name + "\"";
        String javaType = e.containsKey("java") ? str(e, "java", where, true) : javaType(name);
        if (!types.add(javaType) || enumByName.containsKey(name)) {
          throw new SpecException(where + ": Java type " + javaType + " used twice or reserved");
        }
        boolean mask = bool(e, "mask", where);
        Version since = Version.parse(e.get("since"), where);
        List<String> spec = strings(e.get("spec"), where + " spec");
        if (spec.isEmpty()) {
          throw new SpecException(where + ": spec missing");
        }
        List<ValueDef> values = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Set<String> constants = new HashSet<>(Set.of("INFO"));
        Map<String, String> names = new HashMap<>();
        for (Object vo : list(e.get("values"), where + " values")) {
          Map<String, Object> v = obj(vo, where + " value", Set.of("name", "value", "since", "deprecatedIn",
              "removedIn", "xml", "xmlAliases", "aliases", "spec", "note", "java"));
          String vname = str(v, "name", where + " value", true);
          String vwhere = where + " value \"" + vname + "\"";
          int value = hex(v, "value", vwhere, 8);
          if (!seen.add(value)) {
            throw new SpecException(vwhere + ": value used twice");
          }
          if (mask && Integer.bitCount(value) != 1) {
            throw new SpecException(vwhere + ": a mask value must be one bit");
          }
          String constant = v.containsKey("java") ? str(v, "java", vwhere, true) : javaConstant(vname);
          if (!constants.add(constant)) {
            throw new SpecException(vwhere + ": Java constant " + constant + " used twice or reserved");
          }
          String xml = v.containsKey("xml") ? str(v, "xml", vwhere, true) : xmlName(vname);
          ValueDef d = new ValueDef(vname, value, xml, constant, Version.parse(v.get("since"), vwhere),
              optVersion(v, "deprecatedIn", vwhere), optVersion(v, "removedIn", vwhere),
              strings(v.get("xmlAliases"), vwhere + " xmlAliases"), aliases(v, vwhere),
              str(v, "spec", vwhere, true), str(v, "note", vwhere, false));
          checkRange(d.since(), d.deprecatedIn(), d.removedIn(), vwhere);
          if (d.since().compareTo(since) < 0) {
            throw new SpecException(vwhere + ": older than its enumeration");
          }
          for (String n : acceptedNames(d.xml(), d.name(), d.aliases(), d.xmlAliases())) {
            String prev = names.putIfAbsent(n, vname);
            if (prev != null && !prev.equals(vname)) {
              throw new SpecException(vwhere + ": name " + n + " also names \"" + prev + "\"");
            }
          }
          values.add(d);
        }
        EnumDef d = new EnumDef(name, javaType, mask, since, spec, str(e, "note", where, false), values);
        enums.add(d);
        enumByName.put(name, d);
      }
    }

    void loadTags(Object root) {
      Map<String, Object> top = obj(root, "tags.json", Set.of("about", "tags"));
      Set<Integer> seen = new HashSet<>();
      Set<String> constants = new HashSet<>(Set.of("INFO"));
      Map<String, String> names = new HashMap<>();
      Set<String> specNames = new HashSet<>();
      for (Object o : list(top.get("tags"), "tags")) {
        Map<String, Object> e = obj(o, "tag", Set.of("name", "value", "type", "types", "enumeration", "since",
            "deprecatedIn", "removedIn", "xml", "xmlAliases", "aliases", "spec", "typeNote", "note", "java"));
        String name = str(e, "name", "tag", true);
        String where = "tag \"" + name + "\"";
        int value = hex(e, "value", where, 6);
        if ((value >>> 16) != 0x42) {
          throw new SpecException(where + ": the specification's tags are 0x42xxxx");
        }
        if (!seen.add(value)) {
          throw new SpecException(where + ": value used twice");
        }
        if (!specNames.add(name)) {
          throw new SpecException(where + ": name used twice");
        }
        String constant = e.containsKey("java") ? str(e, "java", where, true) : javaConstant(name);
        if (!constants.add(constant)) {
          throw new SpecException(where + ": Java constant " + constant + " used twice or reserved");
        }
        Version since = Version.parse(e.get("since"), where);
        List<TypeSegment> segments = new ArrayList<>();
        if (e.containsKey("type") == e.containsKey("types")) {
          throw new SpecException(where + ": give exactly one of \"type\" and \"types\"");
        }
        if (e.containsKey("type")) {
          Object t = e.get("type");
          segments.add(new TypeSegment(since, t == null ? List.of() : typeNames(t, where)));
        } else {
          Version prev = null;
          for (Object so : list(e.get("types"), where + " types")) {
            Map<String, Object> s = obj(so, where + " types", Set.of("since", "type"));
            Version sv = Version.parse(s.get("since"), where + " types");
            if (prev == null ? !sv.equals(since) : sv.compareTo(prev) <= 0) {
              throw new SpecException(where + ": type segments must start at since and ascend");
            }
            prev = sv;
            segments.add(new TypeSegment(sv, typeNames(s.get("type"), where)));
          }
        }
        String enumeration = str(e, "enumeration", where, false);
        if (enumeration != null && !enumeration.equals("Tag") && !enumeration.equals("Item Type")
            && !enumByName.containsKey(enumeration)) {
          throw new SpecException(where + ": unknown enumeration \"" + enumeration + "\"");
        }
        String notes = Stream.of(str(e, "typeNote", where, false), str(e, "note", where, false))
            .filter(s -> s != null).collect(Collectors.joining("; "));
        String xml = e.containsKey("xml") ? str(e, "xml", where, true) : xmlName(name);
        TagDef d = new TagDef(name, value, xml, constant, segments, enumeration, since,
            optVersion(e, "deprecatedIn", where), optVersion(e, "removedIn", where),
            strings(e.get("xmlAliases"), where + " xmlAliases"), aliases(e, where),
            str(e, "spec", where, true), notes.isEmpty() ? null : notes);
        checkRange(d.since(), d.deprecatedIn(), d.removedIn(), where);
        boolean enumTyped = d.allTypes().contains("Enumeration");
        boolean maskTyped = enumeration != null && enumByName.containsKey(enumeration)
            && enumByName.get(enumeration).mask();
        if (enumTyped && enumeration == null) {
          throw new SpecException(where + ": an Enumeration-typed tag needs \"enumeration\"");
        }
        if (enumeration != null && !enumTyped && !maskTyped) {
          throw new SpecException(where + ": \"enumeration\" given but the tag is never an Enumeration");
        }
        for (String n : acceptedNames(d.xml(), d.name(), d.aliases(), d.xmlAliases())) {
          String prev = names.putIfAbsent(n, name);
          if (prev != null && !prev.equals(name)) {
            throw new SpecException(where + ": XML name " + n + " also names \"" + prev + "\"");
          }
        }
        tags.add(d);
      }
    }

    List<String> typeNames(Object t, String where) {
      List<String> out = new ArrayList<>();
      for (String s : strings(t, where + " type")) {
        if (!itemTypeByXml.containsKey(s)) {
          throw new SpecException(where + ": unknown item type \"" + s + "\"");
        }
        out.add(itemTypeByXml.get(s).xml());
      }
      if (out.isEmpty()) {
        throw new SpecException(where + ": empty type list");
      }
      return out;
    }

    static Set<String> acceptedNames(String xml, String name, List<Alias> aliases, List<String> xmlAliases) {
      Set<String> s = new LinkedHashSet<>();
      s.add(xml);
      s.add(xmlName(name));
      aliases.forEach(a -> s.add(xmlName(a.name())));
      s.addAll(xmlAliases);
      return s;
    }

    static void checkRange(Version since, Version deprecated, Version removed, String where) {
      if (removed != null && removed.compareTo(since) <= 0) {
        throw new SpecException(where + ": removedIn must come after since");
      }
      if (deprecated != null && (deprecated.compareTo(since) < 0
          || (removed != null && deprecated.compareTo(removed) >= 0))) {
        throw new SpecException(where + ": deprecatedIn must lie between since and removedIn");
      }
    }

    static List<Alias> aliases(Map<String, Object> e, String where) {
      List<Alias> out = new ArrayList<>();
      if (!e.containsKey("aliases")) {
        return out;
      }
      for (Object o : list(e.get("aliases"), where + " aliases")) {
        Map<String, Object> a = obj(o, where + " alias", Set.of("name", "since", "until", "note"));
        out.add(new Alias(str(a, "name", where + " alias", true),
            Version.parse(a.get("since"), where + " alias"), optVersion(a, "until", where + " alias"),
            str(a, "note", where + " alias", false)));
      }
      return out;
    }

    // ---- typed access to the parsed JSON --------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o, String where, Set<String> allowed) {
      if (!(o instanceof Map)) {
        throw new SpecException(where + ": expected an object");
      }
      Map<String, Object> m = (Map<String, Object>) o;
      for (String k : m.keySet()) {
        if (!allowed.contains(k)) {
          throw new SpecException(where + (m.get("name") != null ? " \"" + m.get("name") + "\"" : "")
              + ": unknown key \"" + k + "\" (allowed: " + new TreeSet<>(allowed) + ")");
        }
      }
      return m;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String where) {
      if (!(o instanceof List)) {
        throw new SpecException(where + ": expected an array");
      }
      return (List<Object>) o;
    }

    static String str(Map<String, Object> m, String key, String where, boolean required) {
      Object o = m.get(key);
      if (o == null) {
        if (required) {
          throw new SpecException(where + ": \"" + key + "\" missing");
        }
        return null;
      }
      if (!(o instanceof String s) || s.isBlank()) {
        throw new SpecException(where + ": \"" + key + "\" must be a non-empty string");
      }
      return s;
    }

    static List<String> strings(Object o, String where) {
      if (o == null) {
        return List.of();
      }
      if (o instanceof String s) {
        return List.of(s);
      }
      List<String> out = new ArrayList<>();
      for (Object x : list(o, where)) {
        if (!(x instanceof String s)) {
          throw new SpecException(where + ": expected strings");
        }
        out.add(s);
      }
      return out;
    }

    static boolean bool(Map<String, Object> m, String key, String where) {
      Object o = m.get(key);
      if (o == null) {
        return false;
      }
      if (!(o instanceof Boolean b)) {
        throw new SpecException(where + ": \"" + key + "\" must be true or false");
      }
      return b;
    }

    static Version optVersion(Map<String, Object> m, String key, String where) {
      return m.get(key) == null ? null : Version.parse(m.get(key), where + " " + key);
    }

    /** A "0x..." string with exactly {@code digits} hex digits. */
    static int hex(Map<String, Object> m, String key, String where, int digits) {
      String s = str(m, key, where, true);
      if (!s.matches("0x[0-9A-F]{" + digits + "}")) {
        throw new SpecException(where + ": \"" + key + "\" must be 0x and " + digits
            + " upper-case hex digits, not \"" + s + "\"");
      }
      return (int) Long.parseLong(s.substring(2), 16);
    }
  }

  // ============================================================================================
  // Java sources
  // ============================================================================================

  static final class Emitter {
    final Model m;

    Emitter(Model m) {
      this.m = m;
    }

    Map<String, String> all() {
      Map<String, String> out = new LinkedHashMap<>();
      out.put("ItemType.java", itemType());
      out.put("Tag.java", tag());
      for (EnumDef e : m.enums) {
        out.put(e.javaType() + ".java", enumeration(e));
      }
      out.put("Enumerations.java", enumerations());
      return out;
    }

    String itemType() {
      StringBuilder b = start();
      b.append("import java.util.Map;\n\n");
      b.append("/**\n * TTLV item types (KMIP 1.x \u00a79.1.1.2, 2.x \u00a711.23 Item Type Enumeration, 3.0 Item Type\n")
          .append(" * Enumeration). {@link #code()} is the byte on the wire.\n */\n");
      b.append("public enum ItemType implements KmipEnum {\n");
      List<String> consts = new ArrayList<>();
      for (ItemTypeDef d : m.itemTypes) {
        consts.add("  /** " + doc(d.name() + "; since " + d.since() + ". " + d.spec() + "." + aliasDoc(d.aliases())) + " */\n  "
            + d.constant() + "(0x" + String.format("%02X", d.code()) + ", " + q(d.name()) + ", "
            + q(d.xml()) + ", " + d.since().java() + ")");
      }
      b.append(String.join(",\n", consts)).append(";\n\n");
      b.append("""
            private final int code;
            private final String specName;
            private final String xmlName;
            private final KmipVersion since;

            ItemType(int code, String specName, String xmlName, KmipVersion since) {
              this.code = code;
              this.specName = specName;
              this.xmlName = xmlName;
              this.since = since;
            }

            /** The item type's byte on the wire. */
            public int code() {
              return code;
            }

            /** Same as {@link #code()}: 2.x uses item types as an enumeration (Extension Type). */
            @Override
            public int value() {
              return code;
            }

            @Override
            public String specName() {
              return specName;
            }

            @Override
            public String xmlName() {
              return xmlName;
            }

            @Override
            public KmipVersion since() {
              return since;
            }

            /** The item type with this code, or null when unknown. */
            public static ItemType fromCode(int code) {
              return switch (code) {
          """);
      for (ItemTypeDef d : m.itemTypes) {
        b.append("      case 0x").append(String.format("%02X", d.code())).append(" -> ")
            .append(d.constant()).append(";\n");
      }
      b.append("""
                default -> null;
              };
            }

            /** The item type with this XML name ("TextString"), or null when unknown. */
            public static ItemType fromXmlName(String name) {
              return (ItemType) INFO.constantOf(name);
            }

          """);
      b.append("  /** Item types as an enumeration. */\n  public static final EnumInfo INFO = new EnumInfo(\"ItemType\", \"Item Type\", false, KmipVersion.V1_0, values(), ")
          .append(aliasMap(m.itemTypes.stream().flatMap(d -> d.aliases().stream()
              .map(a -> Map.entry(xmlName(a.name()), d.constant())))
              .filter(en -> !en.getKey().equals(xmlOf(en.getValue()))).collect(Collectors.toList())))
          .append(");\n}\n");
      return b.toString();
    }

    String xmlOf(String itemTypeConstant) {
      return m.itemTypes.stream().filter(d -> d.constant().equals(itemTypeConstant)).findFirst()
          .map(ItemTypeDef::xml).orElse("");
    }

    String tag() {
      StringBuilder b = start();
      b.append("import java.util.HashMap;\nimport java.util.List;\nimport java.util.Map;\n\n");
      b.append("/**\n * The tags of KMIP 1.0-2.1 (1.x \u00a79.1.3.1 Tags, 2.x \u00a711 Tag Enumeration) and the 3.0 tags the\n")
          .append(" * OASIS 3.0 test cases use. Vendor extension tags (0x54xxxx) have no constant: the codec\n")
          .append(" * carries them as raw ints.\n */\n");
      b.append("public enum Tag implements KmipEnum {\n");
      List<String> consts = new ArrayList<>();
      for (TagDef d : m.tags) {
        String single = d.singleType();
        StringBuilder doc = new StringBuilder(d.name());
        doc.append(" (").append(typeDoc(d)).append(")");
        doc.append("; since ").append(d.since());
        if (d.deprecatedIn() != null) {
          doc.append(", deprecated in ").append(d.deprecatedIn());
        }
        if (d.removedIn() != null) {
          doc.append(", removed in ").append(d.removedIn());
        }
        doc.append(". ").append(d.spec()).append('.');
        if (d.notes() != null) {
          doc.append(" ").append(d.notes()).append('.');
        }
        consts.add("  /** " + doc(doc.toString()) + " */\n  " + d.constant() + "(0x"
            + String.format("%06X", d.value()) + ", " + q(d.name()) + ", " + q(d.xml()) + ", "
            + (single == null ? "null" : "ItemType." + itemConst(single)) + ", " + d.since().java()
            + ", " + v(d.deprecatedIn()) + ", " + v(d.removedIn()) + ")");
      }
      b.append(String.join(",\n", consts)).append(";\n\n");
      b.append("""
            private final int value;
            private final String specName;
            private final String xmlName;
            private final ItemType type;
            private final KmipVersion since;
            private final KmipVersion deprecatedIn;
            private final KmipVersion removedIn;

            Tag(int value, String specName, String xmlName, ItemType type, KmipVersion since,
                KmipVersion deprecatedIn, KmipVersion removedIn) {
              this.value = value;
              this.specName = specName;
              this.xmlName = xmlName;
              this.type = type;
              this.since = since;
              this.deprecatedIn = deprecatedIn;
              this.removedIn = removedIn;
            }

            /** The tag's three bytes, e.g. 0x420001. */
            @Override
            public int value() {
              return value;
            }

            /** The specification's name; for 1.x attributes also the Attribute Name. */
            @Override
            public String specName() {
              return specName;
            }

            /** The name in the XML and JSON encodings, e.g. "ActivationDate". */
            @Override
            public String xmlName() {
              return xmlName;
            }

            /**
             * The tag's item type, or null where the specification allows several (Attribute Value,
             * Key Material, 2.x Unique Identifier), changed it between versions (see {@link
             * #typesIn}) or gives none.
             */
            public ItemType type() {
              return type;
            }

            @Override
            public KmipVersion since() {
              return since;
            }

            @Override
            public KmipVersion deprecatedIn() {
              return deprecatedIn;
            }

            @Override
            public KmipVersion removedIn() {
              return removedIn;
            }

            /** The item types version {@code v} allows; empty when undefined in v or unspecified. */
            public List<ItemType> typesIn(KmipVersion v) {
              if (!definedIn(v)) {
                return List.of();
              }
              switch (this) {
          """);
      for (TagDef d : m.tags) {
        if (d.singleType() != null || (d.segments().size() == 1 && d.segments().get(0).types().isEmpty())) {
          continue;
        }
        b.append("      case ").append(d.constant()).append(":\n");
        List<TypeSegment> segs = new ArrayList<>(d.segments());
        for (int i = segs.size() - 1; i >= 0; i--) {
          TypeSegment s = segs.get(i);
          String list = "List.of(" + s.types().stream().map(t -> "ItemType." + itemConst(t))
              .collect(Collectors.joining(", ")) + ")";
          if (i == 0) {
            b.append("        return ").append(list).append(";\n");
          } else {
            b.append("        if (v.atLeast(").append(s.since().java()).append(")) {\n          return ")
                .append(list).append(";\n        }\n");
          }
        }
      }
      b.append("""
                default:
                  return type == null ? List.of() : List.of(type);
              }
            }

            /** The one item type version {@code v} allows, or null. */
            public ItemType typeIn(KmipVersion v) {
              List<ItemType> t = typesIn(v);
              return t.size() == 1 ? t.get(0) : null;
            }

            /**
             * The enumeration or mask the tag's values belong to (for Enumeration-typed tags and for
             * mask Integers such as Cryptographic Usage Mask), else null.
             */
            public EnumInfo enumeration() {
              return switch (this) {
          """);
      Map<String, List<String>> byEnum = new LinkedHashMap<>();
      for (TagDef d : m.tags) {
        if (d.enumeration() != null) {
          byEnum.computeIfAbsent(enumInfoRef(d.enumeration()), k -> new ArrayList<>()).add(d.constant());
        }
      }
      byEnum.forEach((info, cs) -> b.append("      case ").append(String.join(", ", cs)).append(" -> ")
          .append(info).append(";\n"));
      b.append("""
                default -> null;
              };
            }

            /** The tag with this value, or null (vendor extensions and unknown tags). */
            public static Tag fromValue(int value) {
              return (Tag) INFO.constantOf(value);
            }

            /** The tag with this XML name, or null when unknown. */
            public static Tag fromXmlName(String xmlName) {
              return (Tag) INFO.constantOf(xmlName);
            }

            /** The tag with this specification name (a 1.x Attribute Name), or null when unknown. */
            public static Tag fromSpecName(String name) {
              return name == null ? null : BySpecName.MAP.get(name);
            }

            /** Tags as an enumeration (2.x Attribute Reference). */
          """);
      List<Map.Entry<String, String>> extra = new ArrayList<>();
      for (TagDef d : m.tags) {
        for (String n : Model.acceptedNames(d.xml(), d.name(), d.aliases(), d.xmlAliases())) {
          if (!n.equals(d.xml())) {
            extra.add(Map.entry(n, d.constant()));
          }
        }
      }
      b.append("  public static final EnumInfo INFO = new EnumInfo(\"Tag\", \"Tag\", false, KmipVersion.V1_0, values(), ")
          .append(aliasMap(extra)).append(");\n\n");
      b.append("""
            private static final class BySpecName {
              static final Map<String, Tag> MAP = new HashMap<>();

              static {
                for (Tag t : values()) {
                  MAP.put(t.specName, t);
                }
          """);
      for (TagDef d : m.tags) {
        for (Alias a : d.aliases()) {
          b.append("      MAP.putIfAbsent(").append(q(a.name())).append(", ").append(d.constant()).append(");\n");
        }
      }
      b.append("    }\n  }\n}\n");
      return b.toString();
    }

    String enumeration(EnumDef e) {
      StringBuilder b = start();
      b.append("import java.util.Map;\n\n");
      String t = e.javaType();
      b.append("/**\n * ").append(doc(e.name())).append(e.mask() ? " mask" : " enumeration")
          .append(", since KMIP ").append(e.since()).append(".\n *\n * <p>")
          .append(e.spec().stream().map(Emitter::doc).collect(Collectors.joining(";\n * "))).append('.');
      if (e.note() != null) {
        b.append("\n *\n * <p>").append(doc(e.note())).append('.');
      }
      b.append("\n */\npublic enum ").append(t).append(" implements KmipEnum {\n");
      List<String> consts = new ArrayList<>();
      for (ValueDef d : e.values()) {
        StringBuilder doc = new StringBuilder(d.name()).append("; since ").append(d.since());
        if (d.deprecatedIn() != null) {
          doc.append(", deprecated in ").append(d.deprecatedIn());
        }
        if (d.removedIn() != null) {
          doc.append(", removed in ").append(d.removedIn());
        }
        doc.append(". ").append(d.spec()).append('.').append(aliasDoc(d.aliases()));
        if (d.note() != null) {
          doc.append(" ").append(d.note()).append('.');
        }
        consts.add("  /** " + doc(doc.toString()) + " */\n  " + d.constant() + "(0x"
            + String.format("%08X", d.value()) + ", " + q(d.name()) + ", " + q(d.xml()) + ", "
            + d.since().java() + ", " + v(d.deprecatedIn()) + ", " + v(d.removedIn()) + ")");
      }
      b.append(String.join(",\n", consts)).append(";\n\n");
      b.append("""
            private final int value;
            private final String specName;
            private final String xmlName;
            private final KmipVersion since;
            private final KmipVersion deprecatedIn;
            private final KmipVersion removedIn;

            %1$s(int value, String specName, String xmlName, KmipVersion since,
                KmipVersion deprecatedIn, KmipVersion removedIn) {
              this.value = value;
              this.specName = specName;
              this.xmlName = xmlName;
              this.since = since;
              this.deprecatedIn = deprecatedIn;
              this.removedIn = removedIn;
            }

            @Override
            public int value() {
              return value;
            }

            @Override
            public String specName() {
              return specName;
            }

            @Override
            public String xmlName() {
              return xmlName;
            }

            @Override
            public KmipVersion since() {
              return since;
            }

            @Override
            public KmipVersion deprecatedIn() {
              return deprecatedIn;
            }

            @Override
            public KmipVersion removedIn() {
              return removedIn;
            }

            /** The constant with this value, or null when unknown. */
            public static %1$s fromValue(int v) {
              return (%1$s) INFO.constantOf(v);
            }

            /** The constant with this XML name (or an earlier spelling), or null when unknown. */
            public static %1$s fromXmlName(String n) {
              return (%1$s) INFO.constantOf(n);
            }

          """.formatted(t));
      if (e.mask()) {
        b.append("""
              /** True when this bit is set in {@code mask}. */
              public boolean in(int mask) {
                return (mask & value) == value;
              }

              /** The mask with these bits set. */
              public static int bits(%1$s... values) {
                int m = 0;
                for (%1$s v : values) {
                  m |= v.value;
                }
                return m;
              }

            """.formatted(t));
      }
      List<Map.Entry<String, String>> extra = new ArrayList<>();
      for (ValueDef d : e.values()) {
        for (String n : Model.acceptedNames(d.xml(), d.name(), d.aliases(), d.xmlAliases())) {
          if (!n.equals(d.xml())) {
            extra.add(Map.entry(n, d.constant()));
          }
        }
      }
      b.append("  /** This ").append(e.mask() ? "mask" : "enumeration").append("'s descriptor. */\n")
          .append("  public static final EnumInfo INFO = new EnumInfo(").append(q(t)).append(", ")
          .append(q(e.name())).append(", ").append(e.mask()).append(", ").append(e.since().java())
          .append(", values(), ").append(aliasMap(extra)).append(");\n}\n");
      return b.toString();
    }

    String enumerations() {
      StringBuilder b = start();
      b.append("import java.util.Collection;\nimport java.util.HashMap;\nimport java.util.List;\nimport java.util.Map;\n\n");
      b.append("/** Every enumeration and mask descriptor, including {@link ItemType} and {@link Tag}. */\n");
      b.append("public final class Enumerations {\n\n");
      b.append("  private static final List<EnumInfo> ALL = List.of(\n      ItemType.INFO,\n      Tag.INFO");
      for (EnumDef e : m.enums) {
        b.append(",\n      ").append(e.javaType()).append(".INFO");
      }
      b.append(");\n");
      b.append("""

            private static final Map<String, EnumInfo> BY_NAME = new HashMap<>();

            static {
              for (EnumInfo e : ALL) {
                BY_NAME.put(e.name(), e);
                BY_NAME.putIfAbsent(e.specName(), e);
              }
            }

            private Enumerations() {}

            /**
             * The descriptor with this Java name ("ObjectType") or specification name ("Object
             * Type"), or null.
             */
            public static EnumInfo byName(String name) {
              return name == null ? null : BY_NAME.get(name);
            }

            /** All descriptors: ItemType, Tag, then the enumerations and masks in table order. */
            public static Collection<EnumInfo> all() {
              return ALL;
            }
          }
          """);
      return b.toString();
    }

    // ---- helpers --------------------------------------------------------------------------

    StringBuilder start() {
      return new StringBuilder(HEADER).append("package ").append(PACKAGE).append(";\n\n");
    }

    String enumInfoRef(String enumeration) {
      if (enumeration.equals("Tag")) {
        return "Tag.INFO";
      }
      if (enumeration.equals("Item Type")) {
        return "ItemType.INFO";
      }
      return m.enumByName.get(enumeration).javaType() + ".INFO";
    }

    String itemConst(String xml) {
      return m.itemTypeByXml.get(xml).constant();
    }

    String typeDoc(TagDef d) {
      List<String> parts = new ArrayList<>();
      for (TypeSegment s : d.segments()) {
        String ts = s.types().isEmpty() ? "unspecified" : String.join(" or ", s.types());
        parts.add(d.segments().size() == 1 ? ts : ts + " from " + s.since());
      }
      return String.join(", ", parts);
    }

    static String aliasDoc(List<Alias> aliases) {
      if (aliases.isEmpty()) {
        return "";
      }
      return " Also written " + aliases.stream().map(a -> "\"" + a.name() + "\" ("
          + a.since() + (a.until() != null ? " to before " + a.until() : " on") + (a.note() != null ? ", " + a.note() : "") + ")")
          .collect(Collectors.joining(", ")) + ".";
    }

    static String aliasMap(List<Map.Entry<String, String>> entries) {
      if (entries.isEmpty()) {
        return "Map.of()";
      }
      return "Map.ofEntries(" + entries.stream()
          .map(en -> "\n          Map.entry(" + q(en.getKey()) + ", " + en.getValue() + ")")
          .collect(Collectors.joining(",")) + ")";
    }

    static String v(Version v) {
      return v == null ? "null" : v.java();
    }

    static String q(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          default -> {
            if (c < 0x20 || c > 0x7e) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }

    /** Text made safe for a Javadoc comment. */
    static String doc(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("*/", "*&#47;").replace("@", "&#64;").replace("\n", " ");
    }
  }

  // ============================================================================================
  // A small strict JSON reader (RFC 8259): objects keep their key order, duplicate keys, trailing
  // commas, comments and trailing content are errors. Numbers become BigDecimal.
  // ============================================================================================

  static final class Json {
    private final String s;
    private final String file;
    private int i;

    private Json(String s, String file) {
      this.s = s;
      this.file = file;
    }

    static Object parse(String text, String file) {
      Json j = new Json(text, file);
      if (j.s.startsWith("\uFEFF")) {
        j.i = 1;
      }
      Object v = j.value();
      j.ws();
      if (j.i != j.s.length()) {
        throw j.error("trailing content");
      }
      return v;
    }

    private SpecException error(String what) {
      int line = 1;
      int col = 1;
      for (int k = 0; k < i && k < s.length(); k++) {
        if (s.charAt(k) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      return new SpecException(file + ":" + line + ":" + col + ": " + what);
    }

    private void ws() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          i++;
        } else {
          break;
        }
      }
    }

    private Object value() {
      ws();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) {
        throw error("expected " + word);
      }
      i += word.length();
      return v;
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        if (peek() != '"') {
          throw error("expected a key");
        }
        String k = string();
        ws();
        if (peek() != ':') {
          throw error("expected ':'");
        }
        i++;
        if (m.containsKey(k)) {
          throw error("duplicate key \"" + k + "\"");
        }
        m.put(k, value());
        ws();
        char c = peek();
        i++;
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (peek() == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        char c = peek();
        i++;
        if (c == ']') {
          return l;
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(i);
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        char c = peek();
        i++;
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = peek();
        i++;
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9A-Fa-f]{4}")) {
              throw error("bad \\u escape");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private BigDecimal number() {
      Matcher m = NUMBER.matcher(s).region(i, s.length());
      if (!m.lookingAt()) {
        throw error("bad number");
      }
      i = m.end();
      return new BigDecimal(m.group());
    }
  }
}
