package io.keyfed.domain.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a KMIP client identity may do beyond its own objects. Every identity is a {@link #CLIENT};
 * Import and Export also need {@link #SECURITY_OFFICER} (as KMIP 1.4 §4.31–4.32 recommend).
 * {@link #PEER_SERVER} is never stored: a federation peer has it because it connects as a server
 * entity (the KMIP channel {@code peer}). Operator and auditor are recorded for the operations and
 * reports that will use them.
 */
public enum Role {
  CLIENT("client"),
  OPERATOR("operator"),
  SECURITY_OFFICER("security-officer"),
  AUDITOR("auditor"),
  PEER_SERVER("peer-server");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The name in the admin API and in the database. */
  public String label() {
    return label;
  }

  /** The roles an administrator may give (all but peer-server). */
  public static Set<Role> assignable() {
    return EnumSet.complementOf(EnumSet.of(PEER_SERVER));
  }

  /** The role of this label, or null. */
  public static Role of(String label) {
    if (label == null) {
      return null;
    }
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.label.equals(l)) {
        return r;
      }
    }
    return null;
  }

  /** Roles as stored: labels, comma-separated, in declaration order. */
  public static String format(Set<Role> roles) {
    StringBuilder b = new StringBuilder();
    for (Role r : EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles)) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(r.label);
    }
    return b.toString();
  }

  /** Stored roles read back; unknown labels (a downgrade) are skipped. */
  public static Set<Role> parse(String stored) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    if (stored != null) {
      for (String s : stored.split(",")) {
        Role r = of(s);
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }
}
