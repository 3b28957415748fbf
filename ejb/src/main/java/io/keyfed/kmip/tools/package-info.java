/**
 * Command-line tools over the protocol packages, run by the scripts in {@code deploy/} with the
 * ejb jar and its {@code target/lib} on the class path: the KMIP codec converter
 * ({@code deploy/kmip-codec.sh}, {@link io.keyfed.kmip.tools.KmipCodecTool}). Nothing here
 * refers to Jakarta APIs, which are absent on that class path.
 */
package io.keyfed.kmip.tools;
