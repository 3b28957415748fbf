package io.keyfed.kmip.message;

import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * A Protocol Version as it appears on the wire (KMIP 1.4 §6.1). Kept apart from
 * {@link KmipVersion} because a client may send a version this server does not know.
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

  public static ProtocolVersion of(KmipVersion v) {
    return new ProtocolVersion(v.major(), v.minor());
  }

  /** The known version, or null. */
  public KmipVersion known() {
    return KmipVersion.of(major, minor);
  }

  /**
   * True when this version defines the tag (for example Batch Count, which KMIP 3.0 reserves
   * again). A version this side does not know is taken to define every tag, as the versions it
   * was written for did.
   */
  public boolean defines(Tag tag) {
    KmipVersion v = known();
    return v == null || tag.definedIn(v);
  }

  public static ProtocolVersion decode(Ttlv t) {
    Fields.structure(t);
    Ttlv maj = t.child(Tag.PROTOCOL_VERSION_MAJOR);
    Ttlv min = t.child(Tag.PROTOCOL_VERSION_MINOR);
    if (maj == null || min == null) {
      throw KmipException.invalidMessage("Protocol Version needs Protocol Version Major and Minor");
    }
    return new ProtocolVersion(Fields.integer(maj), Fields.integer(min));
  }

  public Ttlv encode() {
    return Ttlv.structure(Tag.PROTOCOL_VERSION,
        Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, major),
        Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, minor));
  }

  @Override
  public int compareTo(ProtocolVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
