package io.keyfed.bench;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The database ceiling of a KMIP Create (deploy/bench.sh ceiling): how many transactions per
 * second the database Keyfed uses can commit when each writes exactly the rows one Create of an
 * AES-256 key writes (one KF_OBJECT row and its KF_ATTRIBUTE rows), through plain JDBC, N threads
 * with a connection each, one commit per transaction, the attribute rows in one JDBC batch (as
 * EclipseLink's batch writing sends them). Nothing else: no reads, no sequence round trips (ids
 * come from memory), no audit row, no JMS, no KMIP.
 *
 * <p>Schema and rows are taken from the Keyfed database after a run, so that column types,
 * indexes, the foreign key and the sizes of the stored values are the real ones: the newest
 * object and its attribute rows are the template that every transaction inserts again under a
 * fresh Unique Identifier. With H2 (the Keyfed server must be stopped: the file is locked) the
 * tables are re-created from {@code SCRIPT NODATA} in a fresh database at {@code --url}; with
 * PostgreSQL, in a scratch schema of the same database ({@code CREATE TABLE ... (LIKE ...
 * INCLUDING ALL)} plus the foreign key), dropped afterwards.
 *
 * <p>Usage: {@code RawInsertCeiling --source-url U [--source-user U --source-password P] --url U
 * [--user U --password P] --threads N --seconds S [--warmup 2]}. Last line: {@code tx/s=<n>
 * rows_per_tx=<k> p50_ms=<x> p99_ms=<y> errors=<n>}.
 */
public final class RawInsertCeiling {

  private RawInsertCeiling() {}

  /** One table's template row: column names and values in order. */
  record Row(List<String> columns, List<Object> values) {
    String insertSql(String table) {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }

    int index(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).equalsIgnoreCase(column)) {
          return i;
        }
      }
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
  }

  private static final Pattern H2_SCHEMA_STATEMENT = Pattern.compile(
      "(?is)\\s*(CREATE\\s+(CACHED\\s+|MEMORY\\s+)?TABLE\\s+(\"PUBLIC\"\\.)?\"(KF_OBJECT|KF_ATTRIBUTE)\""
          + "|ALTER\\s+TABLE\\s+(\"PUBLIC\"\\.)?\"(KF_OBJECT|KF_ATTRIBUTE)\""
          + "|CREATE\\s+(UNIQUE\\s+)?INDEX\\s+\\S+\\s+ON\\s+(\"PUBLIC\"\\.)?\"(KF_OBJECT|KF_ATTRIBUTE)\").*");

  /**
   * The statements of an H2 {@code SCRIPT NODATA} that create KF_OBJECT and KF_ATTRIBUTE, their
   * indexes and constraints (the foreign key from KF_ATTRIBUTE to KF_OBJECT included), and nothing
   * else (users, other tables, sequences).
   */
  static List<String> h2SchemaStatements(List<String> script) {
    List<String> keep = new ArrayList<>();
    for (String s : script) {
      if (H2_SCHEMA_STATEMENT.matcher(s).matches()) {
        keep.add(s);
      }
    }
    return keep;
  }

  /** A new identifier as long as the template's (Keyfed's are UUIDs; anything else is padded or cut). */
  static String freshId(int length) {
    StringBuilder b = new StringBuilder(UUID.randomUUID().toString());
    while (b.length() < length) {
      b.append(UUID.randomUUID().toString().replace("-", ""));
    }
    b.setLength(Math.max(1, length));
    return b.toString();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a;
    try {
      a = TlsEchoCeiling.options(args);
      for (String req : List.of("source-url", "url", "threads", "seconds")) {
        if (!a.containsKey(req)) {
          throw new IllegalArgumentException("missing --" + req);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("insert: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(a) > 0 ? 0 : 1);
  }

  static long run(Map<String, String> a) throws Exception {
    int threads = Integer.parseInt(a.get("threads"));
    double seconds = Double.parseDouble(a.get("seconds"));
    double warmup = Double.parseDouble(a.getOrDefault("warmup", "2"));
    String url = a.get("url");
    String user = a.getOrDefault("user", "keyfed");
    String password = a.getOrDefault("password", "keyfed");

    Row object;
    List<Row> attributes;
    List<String> h2Schema = null;
    boolean postgres;
    String schema = "kf_ceiling_" + ProcessHandle.current().pid();
    try (Connection src = DriverManager.getConnection(a.get("source-url"), a.getOrDefault("source-user", "keyfed"),
        a.getOrDefault("source-password", "keyfed"))) {
      postgres = src.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      String uid;
      long objects;
      long attributeRows;
      try (Statement st = src.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT UID FROM KF_OBJECT ORDER BY CREATED_MICROS DESC LIMIT 1")) {
          if (!rs.next()) {
            throw new IllegalStateException("the Keyfed database holds no object to copy");
          }
          uid = rs.getString(1);
        }
        objects = count(st, "SELECT COUNT(*) FROM KF_OBJECT");
        attributeRows = count(st, "SELECT COUNT(*) FROM KF_ATTRIBUTE");
        if (!postgres) {
          List<String> script = new ArrayList<>();
          try (ResultSet rs = st.executeQuery("SCRIPT NODATA")) {
            while (rs.next()) {
              script.add(rs.getString(1));
            }
          }
          h2Schema = h2SchemaStatements(script);
          System.out.printf(Locale.ROOT, "schema: %d statements from SCRIPT NODATA (%d foreign keys, %d indexes)%n", h2Schema.size(),
              h2Schema.stream().filter(x -> x.contains("FOREIGN KEY")).count(),
              h2Schema.stream().filter(x -> x.matches("(?is)\\s*CREATE\\s+(UNIQUE\\s+)?INDEX.*")).count());
        }
      }
      object = rows(src, "SELECT * FROM KF_OBJECT WHERE UID = ?", uid).get(0);
      attributes = rows(src, "SELECT * FROM KF_ATTRIBUTE WHERE OBJECT_UID = ? ORDER BY POSITION", uid);
      System.out.printf(Locale.ROOT, "template: object %s with %d attribute rows (the Keyfed database: %d objects, %.2f attribute rows each)%n",
          uid, attributes.size(), objects, objects == 0 ? 0.0 : (double) attributeRows / objects);
      if (postgres) {
        try (Statement st = src.createStatement()) {
          st.execute("CREATE SCHEMA " + schema);
          st.execute("CREATE TABLE " + schema + ".KF_OBJECT (LIKE KF_OBJECT INCLUDING ALL)");
          st.execute("CREATE TABLE " + schema + ".KF_ATTRIBUTE (LIKE KF_ATTRIBUTE INCLUDING ALL)");
          st.execute("ALTER TABLE " + schema + ".KF_ATTRIBUTE ADD FOREIGN KEY (OBJECT_UID) REFERENCES " + schema + ".KF_OBJECT (UID)");
        }
      }
    }
    String objectTable = postgres ? schema + ".KF_OBJECT" : "KF_OBJECT";
    String attributeTable = postgres ? schema + ".KF_ATTRIBUTE" : "KF_ATTRIBUTE";

    try (Connection admin = DriverManager.getConnection(url, user, password)) {
      if (!postgres) {
        try (Statement st = admin.createStatement()) {
          for (String s : h2Schema) {
            st.execute(s);
          }
        }
      }
      try {
        return measure(url, user, password, threads, seconds, warmup, object, attributes, objectTable, attributeTable);
      } finally {
        if (postgres) {
          try (Statement st = admin.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
          }
        }
      }
    }
  }

  private static long measure(String url, String user, String password, int threads, double seconds, double warmup,
      Row object, List<Row> attributes, String objectTable, String attributeTable) throws Exception {
    int uidLength = ((String) object.values().get(object.index("UID"))).length();
    int objUid = object.index("UID");
    int objCreated = object.index("CREATED_MICROS");
    AtomicLong ids = new AtomicLong(1_000_000_000L);
    long[] window = new long[2];
    CyclicBarrier ready = new CyclicBarrier(threads, () -> {
      window[0] = System.nanoTime() + (long) (warmup * 1e9);
      window[1] = window[0] + (long) (seconds * 1e9);
    });
    AtomicLong errors = new AtomicLong();
    List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    List<long[]> perThread = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        LoadGenerator.LongList lat = new LoadGenerator.LongList();
        Connection c = null;
        try {
          try {
            c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false);
          } finally {
            ready.await();
          }
          PreparedStatement insObject = c.prepareStatement(object.insertSql(objectTable));
          PreparedStatement insAttribute = attributes.isEmpty() ? null : c.prepareStatement(attributes.get(0).insertSql(attributeTable));
          int attrId = attributes.isEmpty() ? 0 : attributes.get(0).index("ID");
          int attrUid = attributes.isEmpty() ? 0 : attributes.get(0).index("OBJECT_UID");
          long startAt = window[0];
          long stopAt = window[1];
          while (System.nanoTime() < stopAt) {
            long t0 = System.nanoTime();
            String uid = freshId(uidLength);
            try {
              for (int k = 0; k < object.values().size(); k++) {
                Object v = k == objUid ? uid : k == objCreated ? micros(Instant.now()) : object.values().get(k);
                insObject.setObject(k + 1, v);
              }
              insObject.executeUpdate();
              for (Row r : attributes) {
                for (int k = 0; k < r.values().size(); k++) {
                  Object v = k == attrId ? ids.incrementAndGet() : k == attrUid ? uid : r.values().get(k);
                  insAttribute.setObject(k + 1, v);
                }
                insAttribute.addBatch();
              }
              if (insAttribute != null) {
                insAttribute.executeBatch();
              }
              c.commit();
            } catch (SQLException e) {
              errors.incrementAndGet();
              if (samples.size() < 5) {
                samples.add(e.toString());
              }
              c.rollback();
              continue;
            }
            long t1 = System.nanoTime();
            if (t0 >= startAt && t1 <= stopAt) {
              lat.add(t1 - t0);
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          samples.add("connect: " + e);
        } finally {
          if (c != null) {
            try {
              c.close();
            } catch (SQLException ignored) {
              // after the run
            }
          }
          perThread.add(lat.toArray());
          done.countDown();
        }
      }, "insert-" + i);
      t.start();
    }
    done.await();
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(Locale.ROOT, "raw insert %s  threads=%d  seconds=%.0f%n", url, threads, seconds);
    for (String e : samples.subList(0, Math.min(5, samples.size()))) {
      System.out.println("error sample: " + e);
    }
    System.out.printf(Locale.ROOT, "tx/s=%.1f rows_per_tx=%d p50_ms=%.3f p99_ms=%.3f errors=%d%n", all.length / seconds,
        1 + attributes.size(), LoadGenerator.pct(all, 50), LoadGenerator.pct(all, 99), errors.get());
    return all.length;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<Row> rows(Connection c, String sql, String uid) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<String> cols = new ArrayList<>();
          List<Object> vals = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnName(i));
            Object v = rs.getObject(i);
            if (v instanceof Blob b) {
              v = b.getBytes(1, (int) b.length());
            } else if (v instanceof Clob cl) {
              v = cl.getSubString(1, (int) cl.length());
            }
            vals.add(v);
          }
          out.add(new Row(cols, vals));
        }
      }
    }
    return out;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
