package io.keyfed.bench.codec;

import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode of the {@link CodecMessages}, one thread (per core), in messages per second;
 * {@link CodecBench} turns the scores into MB/s with each message's TTLV size.
 *
 * <ul>
 *   <li>{@code ttlvDecode}: bytes → tree ({@link TtlvReader}, every guard on);
 *   <li>{@code ttlvEncode}: tree → bytes ({@link TtlvWriter});
 *   <li>{@code modelDecode}: bytes → tree → message model → typed payload, as the server reads a
 *       request;
 *   <li>{@code modelEncode}: typed payload → message model → tree → bytes, as it writes a response.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CodecBenchmark {

  @Param({"get-256-bit-key", "locate-1000-ids", "create-10-attributes"})
  public String message;

  private final TtlvReader reader = new TtlvReader();
  private CodecMessages kind;
  private Ttlv tree;
  private byte[] bytes;
  private Object typed;

  @Setup
  public void setup() throws TtlvException {
    kind = CodecMessages.ofParam(message);
    tree = kind.tree();
    bytes = TtlvWriter.encode(tree);
    typed = kind.decodeModel(reader.read(bytes));
    // The model must give back the same bytes, or the benchmark measures a lossy path.
    if (!Arrays.equals(bytes, TtlvWriter.encode(kind.encodeModel(typed)))) {
      throw new IllegalStateException(message + ": the message model does not give back the same bytes");
    }
  }

  @Benchmark
  public Ttlv ttlvDecode() throws TtlvException {
    return reader.read(bytes);
  }

  @Benchmark
  public byte[] ttlvEncode() {
    return TtlvWriter.encode(tree);
  }

  @Benchmark
  public Object modelDecode() throws TtlvException {
    return kind.decodeModel(reader.read(bytes));
  }

  @Benchmark
  public byte[] modelEncode() {
    return TtlvWriter.encode(kind.encodeModel(typed));
  }
}
