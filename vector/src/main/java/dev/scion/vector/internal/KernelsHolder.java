package dev.scion.vector.internal;

import java.lang.System.Logger.Level;

/** Chooses the kernels once: SIMD when the Vector API module is loaded, else scalar. */
final class KernelsHolder {
  static final VectorKernels INSTANCE = choose();

  private KernelsHolder() {}

  private static VectorKernels choose() {
    if (Boolean.getBoolean("scion.scalar")
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      System.getLogger("dev.scion.vector")
          .log(
              Level.INFO,
              "SIMD kernels unavailable; start the JVM with --add-modules jdk.incubator.vector");
      return ScalarKernels.INSTANCE;
    }
    return new PanamaKernels();
  }
}
