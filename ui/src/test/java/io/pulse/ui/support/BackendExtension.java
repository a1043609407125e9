package io.pulse.ui.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real backend ({@link BackendProcess}) for all browser tests of a run and stops it (and
 * drops its database and Redis keys) when the run ends. Skips the tests, saying why, when the
 * backend jar or Chromium is missing. Put it before {@code @SpringBootTest} and read the URL with
 * {@link #backendUrl()} in a {@code @DynamicPropertySource}.
 */
public final class BackendExtension implements BeforeAllCallback {

  private static @Nullable BackendProcess backend;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String missing = BackendProcess.missingPrerequisite();
    assumeTrue(missing == null, () -> "browser tests skipped: " + missing);
    synchronized (BackendExtension.class) {
      if (backend == null) {
        BackendProcess started = BackendProcess.start();
        backend = started;
        // Closed by JUnit when the whole run ends, even if a test fails.
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(BackendExtension.class))
            .put(
                "backend",
                (AutoCloseable)
                    () -> {
                      synchronized (BackendExtension.class) {
                        backend = null;
                      }
                      started.close();
                    });
      }
    }
  }

  /** The running backend. */
  public static BackendProcess backend() {
    BackendProcess b = backend;
    if (b == null) {
      throw new IllegalStateException("BackendExtension has not started the backend");
    }
    return b;
  }

  public static String backendUrl() {
    return backend().url();
  }
}
