package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attributes of a replacement key made by Re-key or Re-key Key Pair (KMIP 1.4 §4.4, §4.5; 2.1
 * §6.1 Re-key, Re-key Key Pair): the existing key's attributes, except those the specification
 * handles specially.
 *
 * <ul>
 *   <li>Not copied: Unique Identifier, Object Type, State (derived again from the dates), Initial
 *       Date and Last Change Date (set to now), Destroy Date, Compromise Date, Compromise
 *       Occurrence Date, Revocation Reason, Digest (recomputed from the new key), Random Number
 *       Generator, Link (the server links the replacement to the existing key), and the
 *       attributes that describe one object's own history (Original Creation Date, Archive Date,
 *       Fresh, Always Sensitive, Never Extractable).
 *   <li>Usage Limits: the Total (and Unit) copied, the Count set to the Total.
 *   <li>Names: copied; the existing key loses them ("Set to the name(s) of the existing key; all
 *       name attributes are removed from the existing key") — the caller does that.
 *   <li>Dates: without an Offset, Activation Date, Process Start Date, Protect Stop Date and
 *       Deactivation Date are copied. With an Offset, the Activation Date is now + Offset, and the
 *       other three are the existing key's moved by as much as the Activation Date moved (CT2 =
 *       CT1 + (AT2 − AT1), ...); when the existing key has no Activation Date they are copied as
 *       they are. Re-key Key Pair's table names only the Activation and Deactivation Dates; the
 *       other two move the same way there, so that a pair never ends up with a Protect Stop Date
 *       before its Activation Date.
 * </ul>
 */
public final class Replacement {

  private static final Set<Tag> NOT_COPIED = Set.of(
      Tag.UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE, Tag.STATE, Tag.INITIAL_DATE, Tag.LAST_CHANGE_DATE, Tag.DESTROY_DATE,
      Tag.COMPROMISE_DATE, Tag.COMPROMISE_OCCURRENCE_DATE, Tag.REVOCATION_REASON, Tag.DIGEST,
      Tag.RANDOM_NUMBER_GENERATOR, Tag.LINK, Tag.ORIGINAL_CREATION_DATE, Tag.ARCHIVE_DATE, Tag.FRESH,
      Tag.ALWAYS_SENSITIVE, Tag.NEVER_EXTRACTABLE, Tag.KEY_VALUE_PRESENT);

  private static final List<Tag> MOVED_DATES = List.of(
      Tag.PROCESS_START_DATE, Tag.PROTECT_STOP_DATE, Tag.DEACTIVATION_DATE);

  private Replacement() {}

  /**
   * The replacement's attributes before the request's own are applied.
   *
   * @param offsetSeconds the request's Offset, or null
   * @param now the replacement's Initial Date
   */
  public static List<Attribute> attributes(ManagedObject existing, Long offsetSeconds, Instant now) {
    List<Attribute> out = new ArrayList<>();
    for (Attribute a : existing.attributes()) {
      Tag t = a.tag();
      if (t != null && NOT_COPIED.contains(t)) {
        continue;
      }
      if (a.is(Tag.USAGE_LIMITS) && a.value().isStructure()) {
        out.add(freshUsageLimits(a.value()));
        continue;
      }
      out.add(a);
    }
    if (offsetSeconds == null) {
      return out;
    }
    Instant activation = now.plusSeconds(offsetSeconds);
    Ttlv existingActivation = existing.attribute(Tag.ACTIVATION_DATE);
    long shift = existingActivation == null ? 0 : activation.getEpochSecond() - existingActivation.asInstant().getEpochSecond();
    List<Attribute> dated = new ArrayList<>(out.size() + 1);
    boolean placed = false;
    for (Attribute a : out) {
      Tag t = a.tag();
      if (t == Tag.ACTIVATION_DATE) {
        dated.add(date(Tag.ACTIVATION_DATE, activation));
        placed = true;
      } else if (t != null && MOVED_DATES.contains(t) && existingActivation != null) {
        dated.add(date(t, a.value().asInstant().plusSeconds(shift)));
      } else {
        dated.add(a);
      }
    }
    if (!placed) {
      dated.add(date(Tag.ACTIVATION_DATE, activation));
    }
    return dated;
  }

  private static Attribute date(Tag tag, Instant when) {
    return Attribute.of(tag, Ttlv.dateTime(tag, when));
  }

  /** Usage Limits with the Count back at the Total. */
  private static Attribute freshUsageLimits(Ttlv limits) {
    Ttlv total = limits.child(Tag.USAGE_LIMITS_TOTAL);
    List<Ttlv> c = new ArrayList<>(3);
    if (total != null) {
      c.add(total);
      c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, total.asLong()));
    }
    Ttlv unit = limits.child(Tag.USAGE_LIMITS_UNIT);
    if (unit != null) {
      c.add(unit);
    }
    return Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS, c));
  }
}
