package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Form images drawn here, in several layouts and fonts, read back by Tesseract. */
class PhotoIntakeTest {
  @TempDir Path dir;

  record Layout(String font, int style, int size, boolean twoColumns) {}

  static final String TITLE = "Travel Expense Claim";
  static final List<String> LABELS =
      List.of(
          "Employee name",
          "Department",
          "Amount",
          "Date of travel",
          "Destination",
          "Reason",
          "Receipt number");

  private Path render(Layout l, int n) throws Exception {
    Path file = dir.resolve("form-" + n + ".png");
    ImageIO.write(draw(l), "png", file.toFile());
    return file;
  }

  /** The travel expense claim drawn in a layout: title, labelled blanks, a check-box group. */
  static BufferedImage draw(Layout l) {
    BufferedImage img = new BufferedImage(1400, 1100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(l.font(), Font.BOLD, l.size() + 10));
    g.drawString(TITLE, 80, 90);
    g.setFont(new Font(l.font(), l.style(), l.size()));
    int y = 190;
    for (int i = 0; i < LABELS.size(); i++) {
      int x = l.twoColumns() && i % 2 == 1 ? 720 : 80;
      g.drawString(LABELS.get(i) + ": ____________", x, y);
      if (!l.twoColumns() || i % 2 == 1) {
        y += 3 * l.size();
      }
    }
    y += 2 * l.size();
    g.drawString("Expense type: [ ] Flight   [ ] Hotel   [ ] Meals   [ ] Taxi", 80, y);
    g.dispose();
    return img;
  }

  @Test
  void mostFieldLabelsAndTheCheckBoxGroupAreRead() throws Exception {
    List<Layout> layouts =
        List.of(
            new Layout("DejaVu Sans", Font.PLAIN, 30, false),
            new Layout("DejaVu Serif", Font.PLAIN, 30, false),
            new Layout("DejaVu Sans Mono", Font.PLAIN, 28, false),
            new Layout("DejaVu Sans", Font.BOLD, 28, true));
    int found = 0;
    int total = 0;
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < layouts.size(); i++) {
      PhotoIntake.Draft d = PhotoIntake.read(render(layouts.get(i), i));
      List<String> labels =
          d.fields().keySet().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      for (String l : LABELS) {
        total++;
        if (labels.contains(l.toLowerCase(Locale.ROOT))) {
          found++;
        } else {
          missed.add(layouts.get(i).font() + ": " + l + " in " + labels);
        }
      }
      assertEquals(TITLE, d.title(), d.text());
      assertEquals(
          List.of("Flight", "Hotel", "Meals", "Taxi"), d.fields().get("Expense type"), d.text());
    }
    double share = (double) found / total;
    System.out.println("labels read: " + found + " of " + total + " " + missed);
    assertTrue(share >= 0.9, share + " " + missed);
  }

  @Test
  void aDraftBecomesFormLanguage() {
    PhotoIntake.Draft d =
        PhotoIntake.parse(
            "Leave Request\nName: ______\nStart date: ______\nType: [ ] Annual [ ] Sick\n"
                + "Date | Handover to | Phone\n");
    String src = PhotoIntake.source(d);
    assertTrue(src.startsWith("form Leave Request\n"), src);
    assertTrue(src.contains("field start_date: date, optional, label \"Start date\""), src);
    assertTrue(src.contains("field type: choice (Annual | Sick), optional"), src);
    assertTrue(
        src.contains("field handover_to: text, optional, label \"Handover to\""),
        "table columns: " + src);
    assertEquals(List.of(), PhotoIntake.tableHeader("Reason: ____ | more text here and there"));
  }

  @Test
  void aPhotoDraftIsCompletedInWords() {
    String draft =
        PhotoIntake.source(
            PhotoIntake.parse(
                "Leave Request\nName: ______\nStart date: ______\nType: [ ] Annual [ ] Sick\n"));
    Intake.Result r =
        Intake.complete(
            PhotoIntake.fields(draft), "Name and type are required. First the team lead approves.");
    assertEquals(List.of(), r.unplaced());
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field name: text, required"), src);
    assertTrue(src.contains("field start_date: date, optional"), src);
    assertTrue(src.contains("field type: choice (Annual | Sick), required"), src);
    assertTrue(src.contains("step team_lead: role team_lead"), src);
  }
}
