/**
 * JMH benchmarks of the KMIP codec ({@code ./deploy/bench.sh codec}): decode and encode of three
 * typical messages, as TTLV trees and through the message model, reported in messages/s and MB/s
 * by {@link io.keyfed.bench.codec.CodecBench}.
 */
package io.keyfed.bench.codec;
