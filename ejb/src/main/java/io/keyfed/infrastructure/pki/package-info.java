/**
 * The server's X.509 material and its TLS contexts. On first start a CA, a server certificate and a
 * certificate for the first user are generated with Bouncy Castle as PEM files in {@code
 * $KEYFED_HOME/pki}; an operator's own files are used as they are. The KMIP listener, the Java
 * client and federation peers build their {@link javax.net.ssl.SSLContext}s from these files (KMIP
 * requires mutually authenticated TLS: KMIP 1.4 §8, KMIP Profiles 1.4 §3.1).
 *
 * <p>Imports nothing from {@code jakarta.*}: the same code runs inside the application server and
 * from the command line ({@link io.keyfed.infrastructure.pki.PkiTool}).
 */
package io.keyfed.infrastructure.pki;
