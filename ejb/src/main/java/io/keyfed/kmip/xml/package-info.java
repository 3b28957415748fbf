/**
 * The KMIP XML encoding (KMIP Additional Message Encodings v1.0 §6.1), as the OASIS test vectors
 * write it: {@link io.keyfed.kmip.xml.KmipXml} turns a {@link io.keyfed.kmip.ttlv.Ttlv} tree into
 * XML and back, parsing with the JDK's StAX reader with DTDs and external entities refused. No
 * jakarta imports: the command-line converter uses it too.
 */
package io.keyfed.kmip.xml;
