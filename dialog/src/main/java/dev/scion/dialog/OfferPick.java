package dev.scion.dialog;

import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.Words;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Which of the items a listing offered a message picks. */
final class OfferPick {
  private final PackSpec spec;

  OfferPick(PackSpec spec) {
    this.spec = spec;
  }

  /**
   * The offered item the message picks, or null: the one whose name the user gave, or the one its
   * pick span (or, for a message that is a pick, its words) names by position, by the pack's order
   * words ("the cheaper one") or by a word of its name.
   */
  Map<String, Object> chosen(
      DialogState s,
      Prediction p,
      List<String> words,
      String text,
      String act,
      Map<String, Hearing.Heard> last) {
    List<String> intents = p.intents();
    PackSpec.Offers offers = spec.offers();
    if (s.offered.isEmpty() || offers.fillsFrom() == null) {
      return null;
    }
    Hearing.Heard named = last.get(offers.fillsFrom());
    if (named != null && named.value() != null) {
      return s.offered.stream()
          .filter(r -> named.value().equals(r.get(offers.fillsFrom())))
          .findFirst()
          .orElse(null);
    }
    String pick = null;
    for (Span span : p.slots()) {
      if (span.slot().equals(offers.pick())) {
        pick = Hearing.original(text, words.subList(span.start(), span.end()), s.language);
      }
    }
    if (pick == null && !"select".equals(act) && !wantsOffered(s, intents) && !onward(s, last)) {
      return null;
    }
    String said = (pick == null ? text : pick).toLowerCase(Locale.ROOT);
    for (PackSpec.Order o : offers.order()) {
      if (o.words().stream().anyMatch(w -> Entities.containsWord(said, w))) {
        return extreme(s.offered, o);
      }
    }
    Map<String, Object> counted = byCount(s.offered, said);
    if (counted != null) {
      return counted;
    }
    if (pick != null) {
      for (String w : Words.split(pick)) {
        var n = dev.scion.nlu.values.Numbers.parse(w);
        if (n.isPresent() && n.getAsLong() >= 1 && n.getAsLong() <= s.offered.size()) {
          return s.offered.get((int) n.getAsLong() - 1);
        }
      }
      if (offers.last().stream().anyMatch(w -> Entities.containsWord(said, w))) {
        return s.offered.getLast();
      }
    }
    var position = dev.scion.nlu.values.Ordinals.position(said);
    if (position.isPresent() && position.getAsInt() <= s.offered.size()) {
      return s.offered.get(position.getAsInt() - 1); // "the first one", "第二家"
    }
    Map<String, Object> byName = byNameWord(s.offered, offers.fillsFrom(), said);
    if (byName == null && s.offered.size() == 1) {
      byName = s.offered.getFirst(); // "book it", "就这家吧": the one item shown
    }
    return byName != null && agrees(byName, last) ? byName : null;
  }

  /**
   * Whether the item still answers the message: it gives none of the values a listing is made from
   * ("book a hotel in Hanoi instead" asks for another listing) and none that differs from the
   * item's value of the same name.
   */
  private boolean agrees(Map<String, Object> item, Map<String, Hearing.Heard> heard) {
    for (var e : heard.entrySet()) {
      Object mine = item.get(e.getKey());
      Object said = e.getValue().value();
      if (said == null || spec.offers().fills().contains(e.getKey())) {
        continue; // "book my khe, deluxe": a value the item fills may be chosen anew
      }
      if (mine == null
          ? spec.tasks().values().stream()
              .anyMatch(t -> t.offersFor() != null && t.requires().contains(e.getKey()))
          : !String.valueOf(mine).equalsIgnoreCase(String.valueOf(said))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the message gives values of the task the active listing lists for ("name's Priya"). */
  private boolean onward(DialogState s, Map<String, Hearing.Heard> last) {
    DialogState.Frame f = s.active();
    return f != null && spec.onwardSlots(f.task).stream().anyMatch(last::containsKey);
  }

  /**
   * Whether the message goes on with a task that needs the item the offers fill and does not have
   * it yet: then its words may pick one of the offers ("the cheaper one pls").
   */
  private boolean wantsOffered(DialogState s, List<String> intents) {
    String slot = spec.offers().fillsFrom();
    DialogState.Frame f = s.active();
    if (f != null
        && spec.tasks().get(f.task).requires().contains(slot)
        && !f.slots.containsKey(slot)) {
      return true;
    }
    return intents.stream()
        .anyMatch(
            i -> spec.tasks().containsKey(i) && spec.tasks().get(i).requires().contains(slot));
  }

  /**
   * The one offered item whose column the text gives as a number before one of the column's unit
   * words ({@code offers.units}: "the 5-star one", "五星那个"); null when none or several.
   */
  private Map<String, Object> byCount(List<Map<String, Object>> offered, String said) {
    for (var u : spec.offers().units().entrySet()) {
      for (String unit : u.getValue()) {
        var m =
            Pattern.compile("([\\p{IsHan}]{1,3}|[\\p{L}\\d]+)[\\s-]*" + Pattern.quote(unit))
                .matcher(said);
        while (m.find()) {
          var n = dev.scion.nlu.values.Numbers.parse(m.group(1));
          if (n.isEmpty()) {
            continue;
          }
          List<Map<String, Object>> rows =
              offered.stream()
                  .filter(
                      r -> r.get(u.getKey()) instanceof Number x && x.longValue() == n.getAsLong())
                  .toList();
          if (rows.size() == 1) {
            return rows.getFirst();
          }
        }
      }
    }
    return null;
  }

  /** The offered item with the lowest or highest value of the order's column. */
  private static Map<String, Object> extreme(List<Map<String, Object>> offered, PackSpec.Order o) {
    Map<String, Object> best = null;
    BigDecimal bestValue = null;
    for (Map<String, Object> row : offered) {
      if (!(row.get(o.column()) instanceof Number n)) {
        continue;
      }
      BigDecimal v = new BigDecimal(n.toString());
      if (bestValue == null
          || (o.highest() ? v.compareTo(bestValue) > 0 : v.compareTo(bestValue) < 0)) {
        best = row;
        bestValue = v;
      }
    }
    return best;
  }

  /** The one offered item with a word of its name (not shared with another's) in the text. */
  private static Map<String, Object> byNameWord(
      List<Map<String, Object>> offered, String column, String said) {
    Map<String, Integer> counts = new HashMap<>();
    List<List<String>> names = new ArrayList<>();
    for (Map<String, Object> row : offered) {
      List<String> w =
          Words.split(String.valueOf(row.get(column)).toLowerCase(Locale.ROOT)).stream()
              .filter(x -> x.length() > 2)
              .distinct()
              .toList();
      names.add(w);
      w.forEach(x -> counts.merge(x, 1, Integer::sum));
    }
    Map<String, Object> found = null;
    for (int i = 0; i < offered.size(); i++) {
      if (names.get(i).stream()
          .anyMatch(x -> counts.get(x) == 1 && Entities.containsWord(said, x))) {
        if (found != null) {
          return null;
        }
        found = offered.get(i);
      }
    }
    return found;
  }
}
