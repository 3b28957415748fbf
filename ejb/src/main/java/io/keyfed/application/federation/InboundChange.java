package io.keyfed.application.federation;

/**
 * One peer's Put or Notify as the receiver queued it: its operation ({@code PUT} or
 * {@code NOTIFY}), the object it changes and the request payload as the peer sent it (TTLV).
 */
public record InboundChange(String kind, String uniqueIdentifier, byte[] payload) {}
