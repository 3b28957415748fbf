package io.keyfed.application;

import io.keyfed.kmip.spec.Operation;
import java.util.EnumSet;
import java.util.Set;

/** Lists of KMIP operations in configuration: names as the specification or its XML encoding spells them. */
public final class OperationNames {

  private OperationNames() {}

  /**
   * A comma-separated list ("Certify, Re-certify", "ReCertify"); "none" or blanks name nothing.
   *
   * @param setting the configuration key, for the error message
   * @throws IllegalArgumentException naming the setting and the unknown name
   */
  public static Set<Operation> parse(String setting, String csv) {
    Set<Operation> out = EnumSet.noneOf(Operation.class);
    for (String s : csv.split(",")) {
      String name = s.trim();
      if (name.isEmpty() || name.equalsIgnoreCase("none")) {
        continue;
      }
      Operation found = null;
      for (Operation op : Operation.values()) {
        if (op.specName().equalsIgnoreCase(name) || op.xmlName().equalsIgnoreCase(name)) {
          found = op;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(setting + ": no KMIP operation is called '" + name + "'");
      }
      out.add(found);
    }
    return out;
  }
}
