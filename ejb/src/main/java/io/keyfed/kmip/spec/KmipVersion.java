package io.keyfed.kmip.spec;

/**
 * The KMIP protocol versions whose tables this package carries (Protocol Version, KMIP 1.4 §6.1,
 * 2.1 §7.1). Declared in protocol order, so {@link #compareTo} orders versions.
 */
public enum KmipVersion {
  V1_0(1, 0),
  V1_1(1, 1),
  V1_2(1, 2),
  V1_3(1, 3),
  V1_4(1, 4),
  V2_0(2, 0),
  V2_1(2, 1),
  V3_0(3, 0);

  private final int major;
  private final int minor;

  KmipVersion(int major, int minor) {
    this.major = major;
    this.minor = minor;
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  /** The known version with these numbers, or null (a peer may announce a version we do not know). */
  public static KmipVersion of(int major, int minor) {
    for (KmipVersion v : values()) {
      if (v.major == major && v.minor == minor) {
        return v;
      }
    }
    return null;
  }

  /** The version written "major.minor" as in the spec tables ("1.4"), or null. */
  public static KmipVersion parse(String label) {
    int dot = label == null ? -1 : label.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      return of(Integer.parseInt(label.substring(0, dot)), Integer.parseInt(label.substring(dot + 1)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True when this version is {@code other} or later. */
  public boolean atLeast(KmipVersion other) {
    return compareTo(other) >= 0;
  }

  /** "major.minor", as the specification writes it. */
  public String label() {
    return major + "." + minor;
  }
}
