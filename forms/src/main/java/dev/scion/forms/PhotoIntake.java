package dev.scion.forms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a photo or scan of a paper form with Tesseract (the Debian {@code tesseract-ocr} packages,
 * English and simplified Chinese) and drafts its fields: a line with a label followed by a colon or
 * a blank ("Name: ______") is a field, a label followed by check boxes ("Type: [ ] Travel [ ]
 * Meals") is a choice with those options, the columns of a table's header row ("Date | Item |
 * Cost") are fields, and the first plain line is the title. The person then says in words which
 * fields are required and who approves.
 */
public final class PhotoIntake {
  /** What was read: the title, the fields (label to options, empty for a plain field), the text. */
  public record Draft(String title, Map<String, List<String>> fields, String text) {}

  private static final Pattern BOX =
      Pattern.compile("(?:\\[\\s*[xX]?\\s*\\]|☐|□|☑|口)\\s*([^\\[☐□☑口]+)");
  private static final Pattern LABEL =
      Pattern.compile(
          "^([\\p{L}][\\p{L}\\p{N} /&()'-]{0,40}?)\\s*[:：]\\s*(.*)$|^([\\p{L}][\\p{L}\\p{N} /&()'-]{0,40}?)\\s*[_.]{3,}.*$");

  /** Several "label: ____" on one line, as two columns read side by side. */
  private static final Pattern BLANKS =
      Pattern.compile("([\\p{L}][\\p{L}\\p{N} /&()'-]{0,40}?)\\s*[:：]\\s*[_.]{2,}");

  private PhotoIntake() {}

  /** Runs Tesseract on an image and drafts its fields. */
  public static Draft read(Path image) {
    Path prepared = prepare(image);
    try {
      return parse(ocr(prepared == null ? image : prepared));
    } finally {
      if (prepared != null) {
        try {
          java.nio.file.Files.deleteIfExists(prepared);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /**
   * Images narrower than {@code SMALL} are enlarged to {@code ENLARGED} pixels wide before reading:
   * Tesseract reads text best 20 or more pixels high.
   */
  static final int SMALL = 1200;

  static final int ENLARGED = 2000;

  /**
   * A small photo enlarged (bicubic) to {@link #ENLARGED} pixels wide and turned to gray, as a
   * temporary PNG; null when the image is large enough or not one Java reads (Tesseract then reads
   * the file itself).
   */
  static Path prepare(Path image) {
    java.awt.image.BufferedImage src;
    try {
      src = javax.imageio.ImageIO.read(image.toFile());
    } catch (IOException e) {
      return null;
    }
    if (src == null || src.getWidth() >= SMALL) {
      return null;
    }
    double scale = Math.min(4.0, (double) ENLARGED / src.getWidth());
    int w = (int) Math.round(src.getWidth() * scale);
    int h = (int) Math.round(src.getHeight() * scale);
    var out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    var g = out.createGraphics();
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    try {
      Path tmp = java.nio.file.Files.createTempFile("scion-photo-", ".png");
      javax.imageio.ImageIO.write(out, "png", tmp.toFile());
      return tmp;
    } catch (IOException e) {
      return null;
    }
  }

  static String ocr(Path image) {
    ProcessBuilder pb =
        new ProcessBuilder(
                "tesseract", image.toString(), "stdout", "-l", "eng+chi_sim", "--psm", "4")
            .redirectErrorStream(false);
    try {
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new FormException(
            1, 1, "Tesseract could not read " + image + ": " + err.lines().findFirst().orElse(""));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FormException(
          1,
          1,
          "Tesseract is not installed; install it with: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FormException(1, 1, "interrupted while reading " + image);
    }
  }

  /** Drafts fields from OCR text. */
  static Draft parse(String text) {
    String title = null;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> header = tableHeader(line);
      if (!header.isEmpty()) { // a table: its columns become fields
        header.forEach(c -> fields.putIfAbsent(c, List.of()));
        continue;
      }
      Matcher blanks = BLANKS.matcher(line);
      List<String> columns = new ArrayList<>();
      while (blanks.find()) {
        columns.add(blanks.group(1).strip());
      }
      if (columns.size() < 2) {
        columns = bareLabels(line);
      }
      if (columns.size() > 1) {
        columns.forEach(label -> fields.put(label, List.of()));
        continue;
      }
      Matcher m = LABEL.matcher(line);
      if (m.matches()) {
        String label = (m.group(1) != null ? m.group(1) : m.group(3)).strip();
        String rest = m.group(2) == null ? "" : m.group(2);
        List<String> options = new ArrayList<>();
        Matcher b = BOX.matcher(rest);
        while (b.find()) {
          String o = b.group(1).strip().replaceAll("[\\s_.]+$", ""); // a blank's edge read as _
          if (!o.isEmpty()) {
            options.add(o);
          }
        }
        fields.put(label, options.size() >= 2 ? List.copyOf(options) : List.of());
      } else if (title == null && fields.isEmpty()) {
        title = line;
      }
    }
    return new Draft(title == null ? "Form" : title, fields, text);
  }

  /**
   * The header of a table: cells separated by {@code |} or by wide gaps, each a short label, none
   * of them a blank; empty for other lines.
   */
  static List<String> tableHeader(String line) {
    String[] cells = line.contains("|") ? line.split("\\s*\\|\\s*") : line.split("\\s{3,}");
    List<String> out = new ArrayList<>();
    for (String c : cells) {
      String t = c.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!Character.isLetter(t.charAt(0))
          || t.contains(":")
          || t.matches(".*[_.]{2,}.*")
          || t.split("\\s+").length > 3) {
        return List.of();
      }
      out.add(t);
    }
    return out.size() >= 3 ? out : List.of();
  }

  /** "Employee name: Department:" - labels side by side whose blanks were not read. */
  private static List<String> bareLabels(String line) {
    String l = line.replaceAll("[_.]{2,}", " ").strip();
    if (!l.endsWith(":") && !l.endsWith("：")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String chunk : l.split("[:：]")) {
      String c = chunk.strip();
      if (c.isEmpty()) {
        continue;
      }
      if (!Character.isLetter(c.charAt(0)) || c.split("\\s+").length > 5) {
        return List.of();
      }
      out.add(c);
    }
    return out;
  }

  /**
   * A draft's fields read back from its form-language text (a draft has no approval yet, which the
   * parser would refuse).
   */
  public static Form fields(String draftSource) {
    String withStep = draftSource.strip() + "\napproval\nstep draft: manager of applicant\n";
    Form f = FormParser.parse(withStep);
    return new Form(f.name(), f.fields(), List.of(), List.of(), List.of(), List.of());
  }

  /** The draft as the form language, every field optional until the person says otherwise. */
  public static String source(Draft d) {
    StringBuilder b = new StringBuilder("form ").append(d.title()).append("\n\n");
    for (var e : d.fields().entrySet()) {
      String id = RuleIntake.id(e.getKey());
      b.append("field ").append(id).append(": ");
      if (e.getValue().isEmpty()) {
        b.append(RuleIntake.guessType(e.getKey().toLowerCase(Locale.ROOT)).word);
      } else {
        b.append("choice (").append(String.join(" | ", e.getValue())).append(')');
      }
      b.append(", optional, label \"").append(e.getKey()).append("\"\n");
    }
    return b.toString();
  }
}
