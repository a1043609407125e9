package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the reader of a mailbox does with a confirmation e-mail, for tests: finds it among what a
 * test's SMTP server received, takes the token from its link, and opens it as the UI's page does
 * (POST, no credentials).
 */
final class ConfirmationLinks {

  static final String SUBJECT_EN = "Pulse: confirm your e-mail address";
  static final String SUBJECT_RU = "Pulse: подтвердите адрес электронной почты";

  private static final Pattern LINK = Pattern.compile("/confirm-email\\?token=([A-Za-z0-9_-]{43})");

  private ConfirmationLinks() {}

  /** Every e-mail {@code address} received, oldest first. */
  static List<MimeMessage> mailsTo(GreenMail smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            var to = m.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  static boolean isConfirmation(MimeMessage m) {
    try {
      return SUBJECT_EN.equals(m.getSubject()) || SUBJECT_RU.equals(m.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(MimeMessage m) {
    try {
      return m.getContent().toString();
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token in the link of the latest confirmation e-mail {@code address} received. */
  static String latestToken(GreenMail smtp, String address) {
    List<MimeMessage> confirmations =
        mailsTo(smtp, address).stream().filter(ConfirmationLinks::isConfirmation).toList();
    assertThat(confirmations).as("confirmation e-mails to " + address).isNotEmpty();
    Matcher link = LINK.matcher(text(confirmations.getLast()));
    assertThat(link.find()).as("a confirmation link in the e-mail to " + address).isTrue();
    return link.group(1);
  }

  /** Opens a link as its reader: POST, without credentials, from {@code source} if not null. */
  static WebTestClient.ResponseSpec open(WebTestClient client, String token, String source) {
    return client
        .mutate()
        .defaultHeaders(h -> {
          h.remove("Authorization");
          if (source != null) {
            h.set("X-Forwarded-For", source);
          }
        })
        .build()
        .post()
        .uri("/api/v1/notifications/confirm")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"token\":\"" + token + "\"}")
        .exchange();
  }
}
