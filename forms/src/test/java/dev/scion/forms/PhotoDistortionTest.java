package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photos closer to real ones: the forms of {@link PhotoIntakeTest} drawn, then skewed in
 * perspective, blurred, sprinkled with sensor noise, shrunk to a low resolution, or laid on a
 * table-top background under uneven light as a phone sees them, and read back by Tesseract. Prints
 * the label recall per distortion and holds each above a floor.
 */
class PhotoDistortionTest {
  static final long SEED = 20261206L;

  @TempDir Path dir;

  static final List<PhotoIntakeTest.Layout> LAYOUTS =
      List.of(
          new PhotoIntakeTest.Layout("DejaVu Sans", Font.PLAIN, 30, false),
          new PhotoIntakeTest.Layout("DejaVu Serif", Font.PLAIN, 30, false),
          new PhotoIntakeTest.Layout("DejaVu Sans", Font.BOLD, 28, true));

  /** Each distortion and the least label recall it must keep. */
  record Distortion(String name, UnaryOperator<BufferedImage> apply, double floor) {}

  @Test
  void labelsAreReadFromSkewedBlurredNoisySmallAndPhotographedForms() throws Exception {
    System.out.println("photo distortions, seed " + SEED);
    Random random = new Random(SEED);
    List<Distortion> distortions =
        List.of(
            new Distortion("clean", img -> img, 0.9),
            new Distortion("perspective", PhotoDistortionTest::perspective, 0.9),
            new Distortion("blur", PhotoDistortionTest::blur, 0.9),
            new Distortion("noise", img -> noise(img, random), 0.9),
            new Distortion("low resolution", PhotoDistortionTest::lowResolution, 0.85),
            new Distortion("phone background", PhotoDistortionTest::phone, 0.9),
            new Distortion(
                "all of them",
                img -> lowResolution(noise(blur(phone(perspective(img))), random)),
                0.5));
    Map<String, Double> recall = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Distortion d : distortions) {
      int found = 0;
      int total = 0;
      List<String> missed = new ArrayList<>();
      for (int i = 0; i < LAYOUTS.size(); i++) {
        BufferedImage img = d.apply().apply(PhotoIntakeTest.draw(LAYOUTS.get(i)));
        Path file = dir.resolve(d.name().replace(' ', '-') + "-" + i + ".png");
        ImageIO.write(img, "png", file.toFile());
        List<String> labels =
            PhotoIntake.read(file).fields().keySet().stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
        for (String l : PhotoIntakeTest.LABELS) {
          total++;
          if (labels.contains(l.toLowerCase(Locale.ROOT))) {
            found++;
          } else {
            missed.add(l);
          }
        }
      }
      double r = (double) found / total;
      recall.put(d.name(), r);
      System.out.println(
          String.format(
              Locale.ROOT,
              "  %-16s label recall %.3f (%d of %d) missed %s",
              d.name(),
              r,
              found,
              total,
              missed));
      if (r < d.floor()) {
        failures.add(d.name() + " " + r + " < " + d.floor());
      }
    }
    assertTrue(failures.isEmpty(), failures + " " + recall);
  }

  /** The page seen at an angle: its top edge narrower than its bottom, and turned 2 degrees. */
  static BufferedImage perspective(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      double inset = 0.12 * w * (1 - (double) y / h) / 2; // top rows squeezed towards the middle
      double span = w - 2 * inset;
      for (int x = 0; x < w; x++) {
        double sx = (x - inset) / span * w;
        out.setRGB(x, y, sx < 0 || sx >= w ? 0xFFFFFF : src.getRGB((int) sx, y));
      }
    }
    return rotate(out, Math.toRadians(2), Color.WHITE);
  }

  static BufferedImage rotate(BufferedImage src, double angle, Color fill) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setColor(fill);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.rotate(angle, src.getWidth() / 2.0, src.getHeight() / 2.0);
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  /** An out-of-focus picture: a 5 by 5 Gaussian blur (sigma about 1.5 pixels). */
  static BufferedImage blur(BufferedImage src) {
    float[] k = new float[25];
    double sigma = 1.5;
    double sum = 0;
    for (int y = -2; y <= 2; y++) {
      for (int x = -2; x <= 2; x++) {
        double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        k[(y + 2) * 5 + x + 2] = (float) v;
        sum += v;
      }
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return new ConvolveOp(new Kernel(5, 5, k), ConvolveOp.EDGE_NO_OP, null).filter(src, null);
  }

  /** Sensor noise: Gaussian, sigma 30 of 255, on every channel of every pixel. */
  static BufferedImage noise(BufferedImage src, Random random) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int rgb = src.getRGB(x, y);
        int r = clamp(((rgb >> 16) & 0xFF) + random.nextGaussian() * 30);
        int g = clamp(((rgb >> 8) & 0xFF) + random.nextGaussian() * 30);
        int b = clamp((rgb & 0xFF) + random.nextGaussian() * 30);
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /** A small picture: 45% of the size (the text about 13 pixels high), smoothly scaled. */
  static BufferedImage lowResolution(BufferedImage src) {
    int w = (int) (src.getWidth() * 0.45);
    int h = (int) (src.getHeight() * 0.45);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(src.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return out;
  }

  /**
   * As a phone photographs a sheet on a desk: a brown wooden table around it, the sheet a little
   * smaller and turned, a shadow at its edge, and light falling off from the middle.
   */
  static BufferedImage phone(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setPaint(new GradientPaint(0, 0, new Color(120, 82, 50), w, h, new Color(70, 45, 28)));
    g.fillRect(0, 0, w, h);
    for (int y = 0; y < h; y += 23) { // the grain of the wood
      g.setColor(new Color(95, 62, 38));
      g.drawLine(0, y, w, y + 40);
    }
    AffineTransform page = new AffineTransform();
    page.translate(w * 0.08, h * 0.07);
    page.rotate(Math.toRadians(-3), w * 0.42, h * 0.43);
    page.scale(0.84, 0.86);
    g.setColor(new Color(0, 0, 0, 90));
    g.fill(page.createTransformedShape(new java.awt.Rectangle(14, 14, w, h)));
    g.drawImage(src, page, null);
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
    g.setPaint(
        new RadialGradientPaint(
            w * 0.45f,
            h * 0.4f,
            Math.max(w, h) * 0.8f,
            new float[] {0f, 1f},
            new Color[] {new Color(255, 255, 240, 0), new Color(20, 20, 30, 255)}));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return out;
  }
}
