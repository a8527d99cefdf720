package dev.scion.datakit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Streaming JSON Lines: reads one object per line without holding the file, and writes output
 * atomically (a temporary file beside the target, renamed into place when complete).
 */
public final class Jsonl {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Lines longer than this are reported as bad rather than held in memory. */
  public static final int MAX_LINE_BYTES = 64 << 20;

  private Jsonl() {}

  /**
   * Reads every line of {@code file}, hands each good one to {@code sink} in order and reports the
   * others to {@code bad}. Returns the number of good lines.
   */
  public static int read(Path file, BadLines bad, Progress progress, Consumer<Doc> sink) {
    if (!Files.isRegularFile(file)) {
      throw new DataException("input " + file + " does not exist or is not a file");
    }
    String name = file.toString();
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int ordinal = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buf = new byte[1 << 12];
      long line = 0;
      long bytes = 0;
      while (true) {
        int len = 0;
        boolean tooLong = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
          bytes++;
          if (len == MAX_LINE_BYTES) {
            tooLong = true;
            continue;
          }
          if (len == buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
          }
          buf[len++] = (byte) b;
        }
        if (b < 0 && len == 0 && !tooLong) {
          break;
        }
        line++;
        bytes++;
        progress.update(line, bytes);
        if (tooLong) {
          bad.report(name, line, "line is longer than " + (MAX_LINE_BYTES >> 20) + " MB");
          continue;
        }
        if (len > 0 && buf[len - 1] == '\r') {
          len--;
        }
        if (isBlank(buf, len)) {
          continue;
        }
        ObjectNode json = parse(buf, len, utf8, name, line, bad);
        if (json != null) {
          sink.accept(new Doc(ordinal++, line, json));
        }
        if (b < 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return ordinal;
  }

  private static boolean isBlank(byte[] buf, int len) {
    for (int i = 0; i < len; i++) {
      if (buf[i] != ' ' && buf[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode parse(
      byte[] buf, int len, CharsetDecoder utf8, String name, long line, BadLines bad) {
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(buf, 0, len)).toString();
    } catch (CharacterCodingException e) {
      bad.report(name, line, "not UTF-8 text (binary data?)");
      return null;
    }
    if (text.indexOf('\0') >= 0) {
      bad.report(name, line, "contains NUL characters (binary data?)");
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      bad.report(name, line, "not valid JSON: " + e.getOriginalMessage());
      return null;
    }
    if (!(node instanceof ObjectNode object)) {
      bad.report(name, line, "expected a JSON object like {\"id\":1,\"text\":\"...\"}");
      return null;
    }
    JsonNode t = object.get("text");
    if (t == null) {
      bad.report(name, line, "no \"text\" field");
      return null;
    }
    if (!t.isTextual()) {
      bad.report(name, line, "\"text\" is " + t.getNodeType() + ", not a string");
      return null;
    }
    return object;
  }

  /** Writes a file atomically: the content appears whole under {@code target} or not at all. */
  public static void writeAtomically(Path target, IoConsumer<OutputStream> content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (var ch =
              java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
          OutputStream out =
              new java.io.BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        content.accept(out);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw new DataException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is hidden and harmless
        }
      }
    }
  }

  /** Writes one object as a line. */
  static void writeLine(OutputStream out, JsonNode json) throws IOException {
    out.write(JSON.writeValueAsBytes(json));
    out.write('\n');
  }

  /** A consumer that may throw {@link IOException}. */
  @FunctionalInterface
  public interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }
}
