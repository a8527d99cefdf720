package dev.scion.datakit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Language identification with Lingua: adds {@code lang} (an ISO 639-1 code, or {@code unknown})
 * and {@code lang_confidence} to each document, and keeps only the languages asked for, if any.
 */
public final class LanguageStep implements DocStep {
  /** The languages told apart when none are named. */
  public static final List<String> COMMON =
      List.of(
          "en", "zh", "ja", "ko", "vi", "th", "id", "ms", "fr", "de", "es", "it", "pt", "ru", "ar",
          "hi");

  private final LanguageDetector detector;
  private final Set<String> keep;
  private final double minConfidence;
  private final Map<String, Long> seen = new TreeMap<>();

  /**
   * Tells apart {@code languages} (ISO 639-1 codes; empty for {@link #COMMON}), keeps documents in
   * {@code keep} (empty keeps all) whose confidence reaches {@code minConfidence}.
   */
  public LanguageStep(List<String> languages, List<String> keep, double minConfidence) {
    List<String> codes = languages.isEmpty() ? COMMON : languages;
    IsoCode639_1[] iso = codes.stream().map(LanguageStep::iso).toArray(IsoCode639_1[]::new);
    if (iso.length < 2) {
      throw new DataException("name at least two languages to tell apart, not " + codes);
    }
    for (String k : keep) {
      if (!codes.contains(k)) {
        throw new DataException(
            "language '" + k + "' is kept but not among those detected " + codes);
      }
    }
    this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(iso).build();
    this.keep = Set.copyOf(keep);
    this.minConfidence = minConfidence;
  }

  private static IsoCode639_1 iso(String code) {
    try {
      IsoCode639_1 c = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
      if (Language.getByIsoCode639_1(c) == null) {
        throw new IllegalArgumentException(code);
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw new DataException(
          "unknown language code '"
              + code
              + "'; use ISO 639-1 codes such as "
              + String.join(", ", COMMON));
    }
  }

  @Override
  public String name() {
    return "language";
  }

  /** The language of a text and its confidence in 0..1. */
  public Map.Entry<String, Double> detect(String text) {
    SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(text);
    if (values.isEmpty()) {
      return Map.entry("unknown", 0.0);
    }
    Language best = values.firstKey();
    double c = values.get(best);
    for (var e : values.entrySet()) {
      if (e.getValue() > c) {
        best = e.getKey();
        c = e.getValue();
      }
    }
    if (best == Language.UNKNOWN || c == 0) {
      return Map.entry("unknown", 0.0);
    }
    return Map.entry(best.getIsoCode639_1().name().toLowerCase(Locale.ROOT), c);
  }

  @Override
  public String apply(ObjectNode doc, String text) {
    var lang = detect(text);
    doc.put("lang", lang.getKey());
    doc.put("lang_confidence", Math.round(lang.getValue() * 1000) / 1000.0);
    synchronized (seen) {
      seen.merge(lang.getKey(), 1L, Long::sum);
    }
    if (!keep.isEmpty() && !keep.contains(lang.getKey())) {
      return "language." + lang.getKey();
    }
    if (lang.getValue() < minConfidence) {
      return "language.low_confidence";
    }
    return null;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("languages", Map.copyOf(seen));
  }

  @Override
  public void close() {
    detector.unloadLanguageModels();
  }
}
