package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Binary encoding of ids, vectors, payloads and operations, shared by the log and segments. */
final class Codec {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final byte UPSERT = 1;
  private static final byte DELETE = 2;

  private Codec() {}

  static void writeId(DataOutput out, PointId id) throws IOException {
    switch (id) {
      case PointId.Num n -> {
        out.writeByte(0);
        out.writeLong(n.value());
      }
      case PointId.Uuid u -> {
        out.writeByte(1);
        out.writeLong(u.value().getMostSignificantBits());
        out.writeLong(u.value().getLeastSignificantBits());
      }
    }
  }

  static PointId readId(DataInput in) throws IOException {
    byte kind = in.readByte();
    return switch (kind) {
      case 0 -> PointId.of(in.readLong());
      case 1 -> PointId.of(new UUID(in.readLong(), in.readLong()));
      default -> throw new IOException("bad point id tag " + kind);
    };
  }

  static void writeVector(DataOutput out, float[] v, ByteBuffer scratch) throws IOException {
    scratch.clear();
    scratch.asFloatBuffer().put(v);
    out.write(scratch.array(), 0, v.length * Float.BYTES);
  }

  static float[] readVector(DataInput in, int dim, byte[] scratch) throws IOException {
    in.readFully(scratch, 0, dim * Float.BYTES);
    float[] v = new float[dim];
    ByteBuffer.wrap(scratch, 0, dim * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(v);
    return v;
  }

  static ByteBuffer vectorBuffer(int dim) {
    return ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  static void writePayload(DataOutput out, ObjectNode payload) throws IOException {
    if (payload == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(payload);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static ObjectNode readPayload(DataInput in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    byte[] bytes = new byte[len];
    in.readFully(bytes);
    return (ObjectNode) JSON.readTree(bytes);
  }

  static void writeOperation(DataOutput out, Operation op, int dim) throws IOException {
    switch (op) {
      case Operation.Upsert u -> {
        out.writeByte(UPSERT);
        out.writeInt(u.points().size());
        ByteBuffer scratch = vectorBuffer(dim);
        for (Point p : u.points()) {
          writeId(out, p.id());
          writeVector(out, p.vector(), scratch);
          writePayload(out, p.payload());
        }
      }
      case Operation.Delete d -> {
        out.writeByte(DELETE);
        out.writeInt(d.ids().size());
        for (PointId id : d.ids()) {
          writeId(out, id);
        }
      }
    }
  }

  static Operation readOperation(DataInput in, int dim) throws IOException {
    byte kind = in.readByte();
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative count " + n);
    }
    switch (kind) {
      case UPSERT -> {
        List<Point> points = new ArrayList<>(n);
        byte[] scratch = new byte[dim * Float.BYTES];
        for (int i = 0; i < n; i++) {
          points.add(new Point(readId(in), readVector(in, dim, scratch), readPayload(in)));
        }
        return new Operation.Upsert(points);
      }
      case DELETE -> {
        List<PointId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          ids.add(readId(in));
        }
        return new Operation.Delete(ids);
      }
      default -> throw new IOException("bad operation tag " + kind);
    }
  }
}
