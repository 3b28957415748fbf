/** Benchmarks: the KMIP load generator and the JMH codec benchmarks. Never run by the tests. */
package io.keyfed.bench;
