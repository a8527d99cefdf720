package dev.scion.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorTest {
  @TempDir Path dir;

  private final Extractor extractor = new Extractor(Extractor.DEFAULT_MAX_BYTES);

  static final String POLICY_MD =
      """
      # Hotel policies

      ## Cancellation

      Free cancellation until 24 hours before check-in.
      After that, the first night is charged.

      | Room type | Deposit |
      |---|---|
      | Standard | 50 USD |
      | Suite | 200 USD |

      ## Children and pets

      - Children under 6 stay free.
      - Pets are not allowed.
      """;

  static List<Block.Kind> kinds(Extracted e) {
    return e.blocks().stream().map(Block::kind).toList();
  }

  @Test
  void markdownKeepsHeadingsParagraphsTablesAndOffsets() throws IOException {
    Path f = dir.resolve("policies.md");
    Files.writeString(f, POLICY_MD);
    Extracted e = extractor.extract(f, "policies.md");
    assertEquals("Hotel policies", e.title());
    assertEquals(
        List.of(
            Block.Kind.HEADING,
            Block.Kind.HEADING,
            Block.Kind.PARAGRAPH,
            Block.Kind.TABLE,
            Block.Kind.HEADING,
            Block.Kind.PARAGRAPH,
            Block.Kind.PARAGRAPH),
        kinds(e));
    Block table = e.blocks().get(3);
    assertEquals("Room type | Deposit\nStandard | 50 USD\nSuite | 200 USD", table.text());
    for (Block b : e.blocks()) {
      assertEquals(b.text(), e.text().substring(b.start(), b.end()));
    }
  }

  @Test
  void htmlKeepsStructureAndDropsScripts() throws IOException {
    Path f = dir.resolve("faq.html");
    Files.writeString(
        f,
        "<html><head><title>FAQ</title><script>var x = 1;</script></head><body>"
            + "<h1>Check-in</h1><p>Check-in starts at 14:00.</p>"
            + "<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Mon</td><td>8-22</td></tr></table>"
            + "</body></html>");
    Extracted e = extractor.extract(f, "faq.html");
    assertEquals("FAQ", e.title());
    assertEquals(List.of(Block.Kind.HEADING, Block.Kind.PARAGRAPH, Block.Kind.TABLE), kinds(e));
    assertEquals("Day | Hours\nMon | 8-22", e.blocks().get(2).text());
    assertTrue(!e.text().contains("var x"));
  }

  @Test
  void pdfAndDocxAreRead() throws IOException {
    Path pdf = dir.resolve("payment.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
        s.beginText();
        s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        s.newLineAtOffset(72, 700);
        s.showText("We accept Visa, Mastercard and bank transfers.");
        s.endText();
      }
      doc.save(pdf.toFile());
    }
    assertTrue(extractor.extract(pdf, "payment.pdf").text().contains("We accept Visa, Mastercard"));
    Path docx = dir.resolve("rooms.docx");
    try (XWPFDocument doc = new XWPFDocument();
        OutputStream out = Files.newOutputStream(docx)) {
      doc.createParagraph().createRun().setText("Every room has air conditioning.");
      XWPFTable t = doc.createTable(2, 2);
      t.getRow(0).getCell(0).setText("Room");
      t.getRow(0).getCell(1).setText("Beds");
      t.getRow(1).getCell(0).setText("Twin");
      t.getRow(1).getCell(1).setText("2");
      doc.write(out);
    }
    Extracted e = extractor.extract(docx, "rooms.docx");
    assertTrue(e.text().contains("Every room has air conditioning."), e.text());
    assertTrue(
        e.blocks().stream()
            .anyMatch(
                b -> b.kind() == Block.Kind.TABLE && b.text().equals("Room | Beds\nTwin | 2")),
        e.blocks().toString());
  }

  @Test
  void badFilesGetOneClearError() throws IOException {
    Path empty = dir.resolve("empty.txt");
    Files.write(empty, new byte[0]);
    assertMessage(empty, "the file is empty");

    Path corrupt = dir.resolve("broken.pdf");
    Files.writeString(corrupt, "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without end");
    assertMessage(corrupt, "cannot read it");

    Path encrypted = dir.resolve("secret.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      StandardProtectionPolicy p =
          new StandardProtectionPolicy("owner", "user", new AccessPermission());
      p.setEncryptionKeyLength(128);
      doc.protect(p);
      doc.save(encrypted.toFile());
    }
    assertMessage(encrypted, "encrypted");

    Path big = dir.resolve("big.txt");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line = "a line of text that repeats\n".getBytes(Charset.forName("UTF-8"));
      for (int i = 0; i < (2 << 20) / line.length + 1; i++) {
        out.write(line);
      }
    }
    KnowledgeException e =
        assertThrows(
            KnowledgeException.class, () -> new Extractor(1 << 20).extract(big, "big.txt"));
    assertTrue(e.getMessage().contains("over the 1 MB limit"), e.getMessage());

    Path latin = dir.resolve("latin1.txt");
    Files.write(
        latin,
        "Réservation confirmée à Hội An, café crème".getBytes(Charset.forName("ISO-8859-1")));
    String text = extractor.extract(latin, "latin1.txt").text();
    assertTrue(text.contains("Réservation confirmée"), text);
  }

  private void assertMessage(Path file, String expected) {
    KnowledgeException e =
        assertThrows(
            KnowledgeException.class, () -> extractor.extract(file, file.getFileName().toString()));
    assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
