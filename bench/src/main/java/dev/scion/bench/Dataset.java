package dev.scion.bench;

import dev.scion.vector.Distance;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A benchmark data set: base vectors, query vectors and the metric. Cosine sets are normalized on
 * load so that every system can use the dot product on them.
 */
public record Dataset(String name, Distance metric, float[][] base, float[][] queries) {
  /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  public int dimension() {
    return base[0].length;
  }

  /**
   * Loads {@code fashion-mnist} (60,000 train images as base, 10,000 test images as queries,
   * Euclidean) or an {@code .fvecs} file (with {@code queries} as a second file, or the last 5,000
   * vectors held out as queries).
   */
  public static Dataset load(String spec, Path queriesFile, Distance metric, int maxQueries)
      throws IOException {
    Dataset d;
    if (spec.equals("fashion-mnist")) {
      Path train = FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
      if (!Files.exists(train)) {
        throw new IllegalArgumentException(
            "fashion-mnist is not installed; run: apt-get install dataset-fashion-mnist");
      }
      d =
          new Dataset(
              "fashion-mnist",
              Distance.EUCLID,
              readIdx(train),
              readIdx(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz")));
    } else {
      Path file = Path.of(spec);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "data set " + spec + " is neither fashion-mnist nor an .fvecs file");
      }
      float[][] base = readFvecs(file);
      float[][] queries;
      if (queriesFile != null) {
        queries = readFvecs(queriesFile);
      } else {
        int held = Math.min(5000, base.length / 10);
        queries = Arrays.copyOfRange(base, base.length - held, base.length);
        base = Arrays.copyOf(base, base.length - held);
      }
      d = new Dataset(file.getFileName().toString(), metric, base, queries);
    }
    if (d.queries.length > maxQueries) {
      d = new Dataset(d.name, d.metric, d.base, Arrays.copyOf(d.queries, maxQueries));
    }
    if (d.metric == Distance.COSINE) {
      normalize(d.base);
      normalize(d.queries);
    }
    return d;
  }

  private static void normalize(float[][] vectors) {
    for (float[] v : vectors) {
      double s = 0;
      for (float x : v) {
        s += x * x;
      }
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
  }

  /** Reads MNIST's idx3 image format (gzip) into float vectors of pixel values 0..255. */
  static float[][] readIdx(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file)), 1 << 16))) {
      int magic = in.readInt();
      if (magic != 0x803) {
        throw new IOException(
            file + " is not an idx3 image file (magic " + Integer.toHexString(magic) + ")");
      }
      int n = in.readInt();
      int dim = in.readInt() * in.readInt();
      float[][] out = new float[n][dim];
      byte[] row = new byte[dim];
      for (int i = 0; i < n; i++) {
        in.readFully(row);
        for (int j = 0; j < dim; j++) {
          out[i][j] = row[j] & 0xff;
        }
      }
      return out;
    }
  }

  /** Reads the {@code .fvecs} format: each vector as a little-endian int dimension, then floats. */
  public static float[][] readFvecs(Path file) throws IOException {
    List<float[]> out = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] head = new byte[4];
      while (in.readNBytes(head, 0, 4) == 4) {
        int dim = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] body = in.readNBytes(dim * 4);
        if (body.length != dim * 4) {
          throw new IOException(file + " ends in the middle of vector " + out.size());
        }
        float[] v = new float[dim];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        out.add(v);
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + " holds no vectors");
    }
    return out.toArray(float[][]::new);
  }

  public static void writeFvecs(float[][] vectors, Path file) throws IOException {
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer buf =
          ByteBuffer.allocate(4 + vectors[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] v : vectors) {
        buf.clear();
        buf.putInt(v.length);
        buf.asFloatBuffer().put(v);
        out.write(buf.array(), 0, 4 + v.length * 4);
      }
    }
  }

  public static int[][] readIvecs(Path file) throws IOException {
    List<int[]> out = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] head = new byte[4];
      while (in.readNBytes(head, 0, 4) == 4) {
        int n = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int[] row = new int[n];
        ByteBuffer.wrap(in.readNBytes(n * 4)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(row);
        out.add(row);
      }
    }
    return out.toArray(int[][]::new);
  }

  public static void writeIvecs(int[][] rows, Path file) throws IOException {
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer buf = ByteBuffer.allocate(4 + rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int[] r : rows) {
        buf.clear();
        buf.putInt(r.length);
        buf.asIntBuffer().put(r);
        out.write(buf.array(), 0, 4 + r.length * 4);
      }
    }
  }
}
