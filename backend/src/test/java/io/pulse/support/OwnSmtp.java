package io.pulse.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An SMTP server of the test's own (GreenMail, on a free loopback port) for the backend to mail to,
 * so a test reads exactly what was sent.
 */
public final class OwnSmtp {

  private OwnSmtp() {}

  /** A started server on a free port; the test stops it when done. */
  public static GreenMail start() {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    return smtp;
  }

  /**
   * Points the backend's mail at {@code smtp}: call from the test's {@code DynamicPropertySource}.
   */
  public static void register(DynamicPropertyRegistry registry, GreenMail smtp) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }
}
