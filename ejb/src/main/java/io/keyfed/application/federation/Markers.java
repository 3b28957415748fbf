package io.keyfed.application.federation;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.List;

/**
 * The custom attributes that record an object's place in the federation (DESIGN.md §3 "Master /
 * replica"). KMIP 1.x sees them as {@code x-keyfed-...} attributes, 2.x as Vendor Attributes of
 * vendor {@code x}. Only the server sets them: a client's change to any of them is refused.
 */
public final class Markers {

  public static final String PREFIX = "x-keyfed-";
  /** The server authoritative for the object. Absent: this server. */
  public static final String MASTER = "x-keyfed-master";
  /** The server where the object was first created (kept along upward and gateway chains). */
  public static final String ORIGIN = "x-keyfed-origin";
  /** What this copy may do: {@code read-only}; on a Put also {@code copy} (a partner's) or {@code moved} (a partition's). */
  public static final String REPLICA = "x-keyfed-replica";
  public static final String READ_ONLY = "read-only";
  public static final String COPY = "copy";
  public static final String MOVED = "moved";
  /** On an object a partition move brought here: the server it came from (this server masters it now). */
  public static final String MOVED_FROM = "x-keyfed-moved-from";
  /** Seconds of use per lease, when the copy is leased. */
  public static final String LEASE_SECONDS = "x-keyfed-lease-seconds";
  /** Until when the current lease allows use. */
  public static final String LEASE_EXPIRY = "x-keyfed-lease-expiry";
  /** Uses per allocation, when the copy has a usage allocation. */
  public static final String ALLOCATION = "x-keyfed-allocation";
  /** Uses left of the current allocation. */
  public static final String USES_LEFT = "x-keyfed-uses-left";
  /** On a Put: who owns the copy at the target (never stored as an attribute). */
  public static final String OWNER = "x-keyfed-owner";
  /** On a Put or Notify: the origin's sequence number of this change (never stored). */
  public static final String SEQUENCE = "x-keyfed-seq";

  private Markers() {}

  public static boolean isMarker(String attributeName) {
    return attributeName.startsWith(PREFIX);
  }

  public static Attribute text(String name, String value) {
    return new Attribute(name, Ttlv.text(Tag.ATTRIBUTE_VALUE, value));
  }

  public static Attribute longValue(String name, long value) {
    return new Attribute(name, Ttlv.longInteger(Tag.ATTRIBUTE_VALUE, value));
  }

  public static Attribute date(String name, Instant value) {
    return new Attribute(name, Ttlv.dateTime(Tag.ATTRIBUTE_VALUE.value(), value.getEpochSecond()));
  }

  public static String textOf(ManagedObject o, String name) {
    List<Attribute> as = o.attributes(name);
    return as.isEmpty() || as.get(0).value().type() != ItemType.TEXT_STRING ? null : as.get(0).value().asText();
  }

  public static Long longOf(ManagedObject o, String name) {
    List<Attribute> as = o.attributes(name);
    if (as.isEmpty()) {
      return null;
    }
    Ttlv v = as.get(0).value();
    return switch (v.type()) {
      case LONG_INTEGER, INTEGER -> v.asLong();
      default -> null;
    };
  }

  public static Instant dateOf(ManagedObject o, String name) {
    List<Attribute> as = o.attributes(name);
    return as.isEmpty() || as.get(0).value().type() != ItemType.DATE_TIME ? null : as.get(0).value().asInstant();
  }

  /** The object's master when it is another server's copy; null when this server masters it. */
  public static String masterOf(ManagedObject o) {
    return textOf(o, MASTER);
  }
}
