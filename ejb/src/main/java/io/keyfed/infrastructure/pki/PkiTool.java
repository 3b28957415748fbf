package io.keyfed.infrastructure.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The PKI from the command line, for deploy scripts and operators. Run with the ejb jar and its
 * {@code target/lib} on the class path:
 *
 * <pre>
 * java -cp 'keyfed-ejb.jar:lib/*' io.keyfed.infrastructure.pki.PkiTool COMMAND ...
 *   init         &lt;pkiDir&gt; [--host H] [--san S]... [--client NAME]
 *   issue-client &lt;pkiDir&gt; &lt;commonName&gt; &lt;outCert.pem&gt; &lt;outKey.pem&gt; [--force]
 *   issue-server &lt;pkiDir&gt; &lt;hostname&gt; &lt;outCert.pem&gt; &lt;outKey.pem&gt;
 *                [--san S]... [--force]
 *   keystore     &lt;pkiDir&gt; &lt;out.p12&gt; &lt;password&gt; [--alias keyfed]
 *   truststore   &lt;pkiDir&gt; &lt;out.p12&gt; &lt;password&gt;
 * </pre>
 *
 * <p>{@code init} is {@link ServerPki#ensure} and prints {@link ServerPki#describe()}. The issue
 * commands write a new certificate and key (mode 600) and refuse to replace existing files unless
 * given {@code --force}. {@code keystore} writes the server's key and chain as PKCS#12 (for
 * Payara's HTTPS listener), {@code truststore} the certificates of {@code ca.pem} as trusted
 * entries; both replace their output. Exit status 0 on success; on error, one line on standard
 * error and status 1.
 */
public final class PkiTool {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: java io.keyfed.infrastructure.pki.PkiTool COMMAND ...",
          "  init         <pkiDir> [--host H] [--san S]... [--client NAME]",
          "  issue-client <pkiDir> <commonName> <outCert.pem> <outKey.pem> [--force]",
          "  issue-server <pkiDir> <hostname> <outCert.pem> <outKey.pem> [--san S]... [--force]",
          "  keystore     <pkiDir> <out.p12> <password> [--alias keyfed]",
          "  truststore   <pkiDir> <out.p12> <password>",
          "");

  private PkiTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@link #main} without {@code System.exit}: the exit status is returned. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && List.of("help", "-h", "--help").contains(args[0])) {
      out.print(USAGE);
      return 0;
    }
    try {
      if (args.length == 0) {
        throw new UsageException("no command (try --help)");
      }
      Arguments arguments = new Arguments(args);
      switch (args[0]) {
        case "init" -> init(arguments, out);
        case "issue-client" -> issueClient(arguments, out);
        case "issue-server" -> issueServer(arguments, out);
        case "keystore" -> keystore(arguments, out);
        case "truststore" -> truststore(arguments, out);
        default -> throw new UsageException("unknown command '" + args[0] + "' (try --help)");
      }
      return 0;
    } catch (Exception e) {
      err.println("keyfed-pki: " + oneLine(e));
      return 1;
    }
  }

  private static void init(Arguments arguments, PrintStream out)
      throws IOException, GeneralSecurityException {
    arguments.allow("--host", "--san", "--client");
    arguments.expectPositional(1);
    ServerPki pki =
        ServerPki.ensure(
            arguments.path(0),
            arguments.option("--host", null),
            arguments.options("--san"),
            arguments.option("--client", ServerPki.DEFAULT_CLIENT_NAME));
    out.print(pki.describe());
  }

  private static void issueClient(Arguments arguments, PrintStream out)
      throws IOException, GeneralSecurityException {
    arguments.allow("--force");
    arguments.expectPositional(4);
    Path cert = arguments.path(2);
    Path key = arguments.path(3);
    refuseOverwrite(arguments, cert, key);
    IssuedCertificate issued =
        ServerPki.open(arguments.path(0)).issueClient(arguments.positional(1));
    issued.writeTo(cert, key);
    out.printf(
        "wrote %s and %s for %s%n", cert, key, issued.certificate().getSubjectX500Principal());
  }

  private static void issueServer(Arguments arguments, PrintStream out)
      throws IOException, GeneralSecurityException {
    arguments.allow("--san", "--force");
    arguments.expectPositional(4);
    Path cert = arguments.path(2);
    Path key = arguments.path(3);
    refuseOverwrite(arguments, cert, key);
    IssuedCertificate issued =
        ServerPki.open(arguments.path(0))
            .issueServer(arguments.positional(1), arguments.options("--san"));
    issued.writeTo(cert, key);
    out.printf(
        "wrote %s and %s for %s%n", cert, key, issued.certificate().getSubjectX500Principal());
  }

  private static void keystore(Arguments arguments, PrintStream out)
      throws IOException, GeneralSecurityException {
    arguments.allow("--alias");
    arguments.expectPositional(3);
    char[] password = arguments.positional(2).toCharArray();
    KeyStore store =
        ServerPki.open(arguments.path(0))
            .serverKeyStore(arguments.option("--alias", "keyfed"), password);
    Path target = arguments.path(1);
    SecureFiles.write(target, bytes(store, password), SecureFiles.OWNER_ONLY);
    out.println(
        "wrote " + target + " (PKCS#12, alias " + arguments.option("--alias", "keyfed") + ")");
  }

  private static void truststore(Arguments arguments, PrintStream out)
      throws IOException, GeneralSecurityException {
    arguments.allow();
    arguments.expectPositional(3);
    char[] password = arguments.positional(2).toCharArray();
    KeyStore store = ServerPki.open(arguments.path(0)).trustStore();
    Path target = arguments.path(1);
    SecureFiles.write(target, bytes(store, password), SecureFiles.WORLD_READABLE);
    out.println("wrote " + target + " (PKCS#12, " + store.size() + " trusted certificate(s))");
  }

  private static void refuseOverwrite(Arguments arguments, Path... files) throws IOException {
    if (arguments.flag("--force")) {
      return;
    }
    for (Path file : files) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(
            file.toString(), null, "exists (use --force to replace it)");
      }
    }
  }

  private static byte[] bytes(KeyStore store, char[] password)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    store.store(buffer, password);
    return buffer.toByteArray();
  }

  /** An exception as one line: scripts read the first line of standard error. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    } else if (!(e instanceof UsageException)
        && !(e instanceof IOException)
        && !(e instanceof GeneralSecurityException)
        && !(e instanceof IllegalArgumentException)
        && !(e instanceof IllegalStateException)) {
      message = e.getClass().getSimpleName() + ": " + message;
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
  }

  /** A mistake on the command line. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Positional arguments and {@code --name value} options after the command. */
  private static final class Arguments {
    private final String command;
    private final List<String> positional = new ArrayList<>();
    private final List<String[]> options = new ArrayList<>();

    Arguments(String[] args) {
      command = args[0];
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--force")) {
          options.add(new String[] {arg, "true"});
        } else if (arg.startsWith("--")) {
          if (i + 1 >= args.length) {
            throw new UsageException(arg + " needs a value");
          }
          options.add(new String[] {arg, args[++i]});
        } else {
          positional.add(arg);
        }
      }
    }

    void allow(String... names) {
      List<String> allowed = List.of(names);
      for (String[] option : options) {
        if (!allowed.contains(option[0])) {
          throw new UsageException(command + " does not take " + option[0]);
        }
      }
    }

    void expectPositional(int count) {
      if (positional.size() != count) {
        throw new UsageException(
            String.format(
                "%s takes %d argument(s), got %d (try --help)", command, count, positional.size()));
      }
    }

    String positional(int index) {
      return positional.get(index);
    }

    Path path(int index) {
      return Paths.get(positional.get(index));
    }

    String option(String name, String fallback) {
      String value = fallback;
      for (String[] option : options) {
        if (option[0].equals(name)) {
          value = option[1];
        }
      }
      return value;
    }

    List<String> options(String name) {
      List<String> values = new ArrayList<>();
      for (String[] option : options) {
        if (option[0].equals(name)) {
          values.add(option[1]);
        }
      }
      return values;
    }

    boolean flag(String name) {
      return option(name, null) != null;
    }
  }
}
