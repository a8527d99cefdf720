package dev.scion.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns a file into {@link Block}s with Apache Tika: PDF, DOCX, HTML and the other formats Tika
 * reads keep their headings, paragraphs and tables; Markdown and plain text are decoded by Tika
 * (with charset detection) and split by their own syntax (# headings, | tables |, blank lines).
 */
public final class Extractor {
  /** Files larger than this are refused by default. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final long maxBytes;
  private final AutoDetectParser parser = new AutoDetectParser();

  public Extractor(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public Extracted extract(Path file, String source) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new KnowledgeException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new KnowledgeException(source + ": the file is empty");
    }
    if (size > maxBytes) {
      throw new KnowledgeException(
          String.format(
              Locale.ROOT,
              "%s: %.1f MB is over the %d MB limit per file; split it, or raise --max-file-mb",
              source,
              size / 1e6,
              maxBytes >> 20));
    }
    Handler handler = new Handler();
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    try (InputStream in = Files.newInputStream(file)) {
      parser.parse(in, handler, metadata, new ParseContext());
    } catch (EncryptedDocumentException e) {
      throw new KnowledgeException(
          source + ": the document is encrypted; remove the password first");
    } catch (ZeroByteFileException e) {
      throw new KnowledgeException(source + ": the file is empty");
    } catch (TikaException | SAXException | IOException e) {
      String type = metadata.get(Metadata.CONTENT_TYPE);
      throw new KnowledgeException(
          source
              + ": cannot read it"
              + (type == null ? "" : " as " + type)
              + " (corrupt or unsupported?): "
              + rootMessage(e),
          e);
    } catch (RuntimeException e) {
      throw new KnowledgeException(source + ": cannot read it (corrupt?): " + rootMessage(e), e);
    }
    String type = String.valueOf(metadata.get(Metadata.CONTENT_TYPE));
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<Block> raw;
    if (type.startsWith("text/plain") || type.contains("markdown") || name.endsWith(".md")) {
      raw = TextStructure.blocks(handler.plainText());
    } else {
      raw = handler.blocks;
    }
    String decoded = String.join("\n", raw.stream().map(Block::text).toList());
    long bad = decoded.chars().filter(c -> c == '\uFFFD').count();
    if (bad > 0 && bad * 100 > decoded.length()) {
      throw new KnowledgeException(
          source + ": the text encoding could not be recognised; save it as UTF-8");
    }
    Extracted e = withOffsets(source, metadata.get(TikaCoreProperties.TITLE), raw);
    if (e.text().isBlank()) {
      throw new KnowledgeException(source + ": no text found (a scanned image? run OCR first)");
    }
    return e;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** Lays blocks out as one text, blank lines between them, and records their offsets. */
  static Extracted withOffsets(String source, String title, List<Block> blocks) {
    StringBuilder text = new StringBuilder();
    List<Block> out = new ArrayList<>();
    for (Block b : blocks) {
      String t = b.text().strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      int start = text.length();
      text.append(t);
      out.add(new Block(b.kind(), b.level(), t, start, text.length()));
    }
    String name = title;
    if (name == null || name.isBlank()) {
      name =
          out.stream()
              .filter(b -> b.kind() == Block.Kind.HEADING)
              .map(Block::text)
              .findFirst()
              .orElse(source);
    }
    return new Extracted(source, name, text.toString(), List.copyOf(out));
  }

  /** Collects blocks from Tika's XHTML events. */
  private static final class Handler extends DefaultHandler {
    final List<Block> blocks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private final StringBuilder all = new StringBuilder();
    private final List<String> row = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();
    private int tableDepth;
    private boolean inCell;
    private int skip;

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) {
      String e = local.isEmpty() ? qName : local;
      switch (e) {
        case "table" -> {
          flush(Block.Kind.PARAGRAPH, 0);
          tableDepth++;
        }
        case "td", "th" -> {
          current.setLength(0);
          inCell = true;
        }
        case "script", "style", "head" -> skip++;
        case "br" -> current.append('\n');
        default -> {
          if (tableDepth == 0 && isBlock(e)) {
            flush(Block.Kind.PARAGRAPH, 0);
          }
        }
      }
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      String e = local.isEmpty() ? qName : local;
      switch (e) {
        case "td", "th" -> {
          row.add(current.toString().strip().replaceAll("\\s+", " "));
          current.setLength(0);
          inCell = false;
        }
        case "tr" -> {
          if (!row.isEmpty()) {
            table.append(String.join(" | ", row)).append('\n');
            row.clear();
          }
        }
        case "table" -> {
          tableDepth--;
          if (tableDepth == 0 && !table.isEmpty()) {
            blocks.add(new Block(Block.Kind.TABLE, 0, table.toString().strip(), 0, 0));
            table.setLength(0);
          }
        }
        case "script", "style", "head" -> skip--;
        case "h1", "h2", "h3", "h4", "h5", "h6" -> {
          if (tableDepth == 0) {
            flush(Block.Kind.HEADING, e.charAt(1) - '0');
          }
        }
        default -> {
          if (tableDepth == 0 && isBlock(e)) {
            flush(Block.Kind.PARAGRAPH, 0);
          }
        }
      }
    }

    private static boolean isBlock(String e) {
      return switch (e) {
        case "p",
            "div",
            "li",
            "pre",
            "blockquote",
            "title",
            "section",
            "article",
            "body",
            "dd",
            "dt" ->
            true;
        default -> false;
      };
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (skip > 0) {
        return;
      }
      all.append(ch, start, length);
      if (tableDepth == 0 || inCell) {
        current.append(ch, start, length);
      }
    }

    private void flush(Block.Kind kind, int level) {
      String t = current.toString().strip();
      current.setLength(0);
      if (!t.isEmpty()) {
        blocks.add(
            new Block(
                kind, level, kind == Block.Kind.HEADING ? t.replaceAll("\\s+", " ") : t, 0, 0));
      }
    }

    String plainText() {
      return all.toString();
    }
  }
}
