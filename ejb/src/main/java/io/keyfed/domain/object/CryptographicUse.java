package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.UsageLimitsUnit;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways a server-side cryptographic operation uses a key, and the rules of the specification
 * for each (KMIP 1.4 §3.19 Cryptographic Usage Mask, §3.21 Usage Limits, §3.22 State, §3.25 Process
 * Start Date, §3.26 Protect Stop Date; 2.1 §4.15, §4.59, §4.57, §4.38, §4.41).
 *
 * <p>A use either applies cryptographic protection (Encrypt, Sign, MAC) or processes protected
 * data (Decrypt, Signature Verify, MAC Verify). An object may:
 *
 * <ul>
 *   <li>protect only when Active, and not after its Protect Stop Date;
 *   <li>process when Active, Deactivated or Compromised ("may be used to process
 *       cryptographically-protected information"), and not before its Process Start Date;
 *   <li>never be used Pre-Active ("SHALL NOT be used for any cryptographic purpose"), nor once
 *       destroyed;
 *   <li>only for what its Cryptographic Usage Mask allows (an object without the attribute is not
 *       restricted by it).
 * </ul>
 *
 * <p>Result Reasons: a State or date that forbids the use is Wrong Key Lifecycle State (the
 * OASIS case CS-BC-M-14-21 and CS-AC-M-8-21; Permission Denied in 1.x, as in CS-BC-M-14-14); a
 * destroyed object is Object Destroyed; a usage mask without the use's bit is Incompatible
 * Cryptographic Usage Mask (Permission Denied in 1.x); an exhausted Usage Limits is Permission
 * Denied in every version, as the Encrypt section says ("If the allocation is unable to be
 * obtained the operation SHALL return ... Permission Denied") and CS-BC-M-7-14/-21 expect.
 */
public enum CryptographicUse {
  ENCRYPT("Encrypt", CryptographicUsageMask.ENCRYPT, true),
  DECRYPT("Decrypt", CryptographicUsageMask.DECRYPT, false),
  SIGN("Sign", CryptographicUsageMask.SIGN, true),
  SIGNATURE_VERIFY("Signature Verify", CryptographicUsageMask.VERIFY, false),
  MAC("MAC", CryptographicUsageMask.MAC_GENERATE, true),
  MAC_VERIFY("MAC Verify", CryptographicUsageMask.MAC_VERIFY, false);

  private final String operation;
  private final CryptographicUsageMask bit;
  private final boolean protects;

  CryptographicUse(String operation, CryptographicUsageMask bit, boolean protects) {
    this.operation = operation;
    this.bit = bit;
    this.protects = protects;
  }

  /** The Cryptographic Usage Mask bit an object needs for this use. */
  public CryptographicUsageMask usageMaskBit() {
    return bit;
  }

  /** Whether this use applies protection (and so is limited by Usage Limits and Protect Stop Date). */
  public boolean protects() {
    return protects;
  }

  /** Refuses the use when the object's State, dates or Cryptographic Usage Mask forbid it. */
  public void requireAllowed(ManagedObject o, Instant now) {
    o.advanceClock(now);
    State s = o.state();
    if (o.isDestroyed()) {
      throw new KmipException(ResultReason.OBJECT_DESTROYED,
          "object " + o.uniqueIdentifier() + " is " + s.specName() + "; its key material is gone");
    }
    boolean stateAllows = s == State.ACTIVE
        || (!protects && (s == State.DEACTIVATED || s == State.COMPROMISED));
    if (!stateAllows) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, operation + " with an object in state "
          + s.specName() + " is not allowed" + (protects ? "; only Active keys protect" : ""));
    }
    if (protects) {
      Instant stop = date(o, Tag.PROTECT_STOP_DATE);
      if (stop != null && !now.isBefore(stop)) {
        throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
            operation + " is not allowed after the object's Protect Stop Date " + stop);
      }
    } else {
      Instant start = date(o, Tag.PROCESS_START_DATE);
      if (start != null && now.isBefore(start)) {
        throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
            operation + " is not allowed before the object's Process Start Date " + start);
      }
    }
    Ttlv mask = o.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK);
    if (mask != null && (mask.asInt() & bit.value()) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the object's Cryptographic Usage Mask does not include " + bit.specName());
    }
  }

  /**
   * Obtains an allocation from the object's Usage Limits before a protecting use (KMIP 1.4 §4.29:
   * "the server SHALL obtain an allocation from the current Usage Limits value prior to performing
   * the encryption operation"): {@code bytes} for the unit Byte, one for the unit Object when
   * {@code newOperation} (a one-shot request or the first part of a stream). Processing uses and
   * objects without Usage Limits are not counted. The remaining count is the Usage Limits Count,
   * or the Total while the server has not counted yet.
   */
  public void allocate(ManagedObject o, long bytes, boolean newOperation) {
    Ttlv limits = o.attribute(Tag.USAGE_LIMITS);
    if (!protects || limits == null || !limits.isStructure()) {
      return;
    }
    Ttlv totalItem = limits.child(Tag.USAGE_LIMITS_TOTAL);
    Ttlv countItem = limits.child(Tag.USAGE_LIMITS_COUNT);
    Ttlv unitItem = limits.child(Tag.USAGE_LIMITS_UNIT);
    if (totalItem == null && countItem == null) {
      return;
    }
    UsageLimitsUnit unit = unitItem == null ? null : UsageLimitsUnit.fromValue(unitItem.asInt());
    long wanted = unit == UsageLimitsUnit.OBJECT ? (newOperation ? 1 : 0) : bytes;
    long remaining = countItem != null ? countItem.asLong() : totalItem.asLong();
    if (wanted > remaining) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, "the object's Usage Limits allow " + remaining
          + " more " + (unit == null ? "units" : unit.specName() + "s") + ", not " + wanted);
    }
    if (wanted == 0) {
      return;
    }
    List<Ttlv> c = new ArrayList<>(3);
    if (totalItem != null) {
      c.add(totalItem);
    }
    c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, remaining - wanted));
    if (unitItem != null) {
      c.add(unitItem);
    }
    o.put(Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS, c)));
  }

  private static Instant date(ManagedObject o, Tag tag) {
    Ttlv v = o.attribute(tag);
    return v == null ? null : v.asInstant();
  }
}
