package dev.scion.nlu.torch;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Locale;

/**
 * PyTorch through DJL, set up once per process before the engine starts: a fixed number of threads
 * ({@code SCION_TORCH_THREADS}, default the smaller of 2 and the cores; PyTorch's own default is
 * many times slower on a few shared cores), the native library unpacked under {@code
 * ~/.cache/scion/djl} unless {@code DJL_CACHE_DIR} says otherwise, and no download ever.
 */
final class Torch {
  private Torch() {}

  private static Engine engine;

  static synchronized Engine engine() {
    if (engine == null) {
      configure();
      engine = Engine.getEngine("PyTorch");
    }
    return engine;
  }

  private static void configure() {
    String threads = System.getenv("SCION_TORCH_THREADS");
    if (threads == null || threads.isBlank()) {
      threads = "1";
    }
    System.setProperty("ai.djl.pytorch.num_threads", threads);
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
    if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
      Path dir = Path.of(System.getProperty("user.home"), ".cache", "scion", "djl");
      System.setProperty("DJL_CACHE_DIR", dir.toString());
    }
    String version = System.getenv("PYTORCH_VERSION");
    if (version != null && !version.isBlank() && !version.equals("2.7.1")) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "PYTORCH_VERSION=%s asks for a PyTorch this build does not carry; unset it (2.7.1"
                  + " is bundled)",
              version));
    }
  }
}
