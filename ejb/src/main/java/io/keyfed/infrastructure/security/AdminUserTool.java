package io.keyfed.infrastructure.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Manages admin API password users.
 *
 * <pre>
 * java ... AdminUserTool add FILE NAME ROLES     (ROLES: admin, auditor or admin,auditor for the
 *                                                admin users file; kmip for the KMIP users file;
 *                                                the password is read from the terminal, or
 *                                                from the first line of standard input)
 * java ... AdminUserTool list FILE
 * </pre>
 */
public final class AdminUserTool {

  private AdminUserTool() {}

  public static void main(String[] args) {
    try {
      if (args.length == 4 && args[0].equals("add")) {
        char[] pw = readPassword();
        AdminUsers.put(Path.of(args[1]), args[2], Set.of(args[3].split(",")), pw);
        System.out.println("user " + args[2] + " written to " + args[1]);
      } else if (args.length == 2 && args[0].equals("list")) {
        AdminUsers.load(Path.of(args[1])).names().forEach(System.out::println);
      } else {
        System.err.println("usage: AdminUserTool add FILE NAME ROLES | list FILE");
        System.exit(2);
      }
    } catch (Exception e) {
      System.err.println("keyfed-admin: " + e.getMessage());
      System.exit(1);
    }
  }

  private static char[] readPassword() throws java.io.IOException {
    Console c = System.console();
    if (c != null) {
      return c.readPassword("password for the new user: ");
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }
}
