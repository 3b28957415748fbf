package io.keyfed.kmip.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one generated enumeration or mask without naming its Java type, so that the XML and
 * JSON codecs and the attribute registry can turn values into names and back for any of them
 * (KMIP Additional Message Encodings §4.1.3, §6.1.3: enumeration values travel as normalized
 * CamelCase names, masks as such names joined by spaces or '|').
 *
 * <p>Names are matched exactly (they are case-sensitive in the encodings). Besides each value's
 * {@link KmipEnum#xmlName()}, the names an earlier version of the specification or the OASIS test
 * cases used for it are accepted too (the tables' {@code aliases} and {@code xmlAliases}).
 */
public final class EnumInfo {

  private final String name;
  private final String specName;
  private final boolean mask;
  private final KmipVersion since;
  private final List<KmipEnum> constants;
  private final List<KmipEnum> bitsAscending;
  private final Map<Integer, KmipEnum> byValue = new HashMap<>();
  private final Map<String, KmipEnum> byName = new HashMap<>();

  /**
   * Called by the generated code.
   *
   * @param otherNames further accepted names (earlier spellings) for some of the constants
   */
  EnumInfo(String name, String specName, boolean mask, KmipVersion since,
      KmipEnum[] constants, Map<String, ? extends KmipEnum> otherNames) {
    this.name = Objects.requireNonNull(name);
    this.specName = Objects.requireNonNull(specName);
    this.mask = mask;
    this.since = since;
    this.constants = List.of(constants);
    for (KmipEnum c : constants) {
      byValue.putIfAbsent(c.value(), c);
      byName.putIfAbsent(c.xmlName(), c);
    }
    otherNames.forEach(byName::putIfAbsent);
    List<KmipEnum> bits = new ArrayList<>(this.constants);
    bits.sort(Comparator.comparingLong(c -> Integer.toUnsignedLong(c.value())));
    this.bitsAscending = Collections.unmodifiableList(bits);
  }

  /** The Java type's simple name, e.g. "ObjectType". */
  public String name() {
    return name;
  }

  /** The specification's name, e.g. "Object Type". */
  public String specName() {
    return specName;
  }

  /** True for bit masks (Cryptographic Usage Mask, Storage Status Mask, Protection Storage Mask). */
  public boolean mask() {
    return mask;
  }

  /** The first version defining the enumeration. */
  public KmipVersion since() {
    return since;
  }

  /** All constants, in declaration (table) order. */
  public List<KmipEnum> constants() {
    return constants;
  }

  /** The XML name of the value, or null when unknown. */
  public String nameOf(int value) {
    KmipEnum c = byValue.get(value);
    return c == null ? null : c.xmlName();
  }

  /** The value with this XML name (or earlier spelling), or null when unknown. */
  public Integer valueOf(String xmlName) {
    KmipEnum c = constantOf(xmlName);
    return c == null ? null : c.value();
  }

  /** The generated constant with this value, or null when unknown. */
  public KmipEnum constantOf(int value) {
    return byValue.get(value);
  }

  /** The generated constant with this XML name (or earlier spelling), or null when unknown. */
  public KmipEnum constantOf(String xmlName) {
    return xmlName == null ? null : byName.get(xmlName);
  }

  /**
   * A mask as names joined by '|' in ascending bit order, e.g. "Encrypt|Decrypt"; bits no constant
   * covers are appended as one hex part ("Encrypt|0x00100000"). Zero is "0x00000000".
   */
  public String maskToNames(int bits) {
    StringBuilder sb = new StringBuilder();
    int left = bits;
    for (KmipEnum c : bitsAscending) {
      int b = c.value();
      if (b != 0 && (left & b) == b) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        sb.append(c.xmlName());
        left &= ~b;
      }
    }
    if (left != 0 || sb.length() == 0) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      sb.append(String.format("0x%08X", left));
    }
    return sb.toString();
  }

  /**
   * Parses a mask written as names and/or hex parts ("0x..."), separated by '|' or whitespace,
   * e.g. "Encrypt Decrypt" or "Sign|0x00000100". Null when a part is unknown, a hex part does not
   * fit in 32 bits, or there is no part at all.
   */
  public Integer namesToMask(String s) {
    if (s == null) {
      return null;
    }
    int bits = 0;
    boolean any = false;
    for (String part : s.trim().split("[|\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      any = true;
      if (part.startsWith("0x") || part.startsWith("0X")) {
        String hex = part.substring(2);
        if (hex.isEmpty() || hex.length() > 8
            || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
          return null;
        }
        try {
          bits |= (int) Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        KmipEnum c = byName.get(part);
        if (c == null) {
          return null;
        }
        bits |= c.value();
      }
    }
    return any ? bits : null;
  }

  @Override
  public String toString() {
    return name;
  }
}
