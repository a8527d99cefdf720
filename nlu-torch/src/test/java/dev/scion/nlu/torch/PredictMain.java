package dev.scion.nlu.torch;

import dev.scion.nlu.IntentSlotModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Loads a saved model of any kind in a fresh process and writes its predictions. */
public final class PredictMain {
  private PredictMain() {}

  public static void main(String[] args) throws Exception {
    IntentSlotModel model = IntentSlotModel.load(Path.of(args[0]));
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      out.add(model.predict(Arrays.asList(line.split(" "))).toString());
    }
    Files.write(Path.of(args[2]), out, StandardCharsets.UTF_8);
  }
}
