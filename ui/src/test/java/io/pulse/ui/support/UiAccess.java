package io.pulse.ui.support;

import static org.awaitility.Awaitility.await;

import com.vaadin.flow.server.VaadinSession;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in browserless view tests, where UI changes from other threads are queued. */
public final class UiAccess {

  private UiAccess() {}

  /**
   * Runs what other threads queued with {@code UI.access} until {@code condition} holds, 5 s at
   * most. In the test's own thread: the session is a thread-local there.
   */
  public static void until(BooleanSupplier condition) {
    VaadinSession session = VaadinSession.getCurrent();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .until(() -> {
          session.getService().runPendingAccessTasks(session);
          return condition.getAsBoolean();
        });
  }
}
