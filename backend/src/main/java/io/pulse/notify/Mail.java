package io.pulse.notify;

/** One rendered e-mail: plain text, so nothing in it is markup. */
record Mail(String subject, String body) {

  Mail {
    // A subject is a header line: a line break in a dealer's name must not start another header.
    subject = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    if (subject.length() > 200) {
      subject = subject.substring(0, 199) + "…";
    }
  }
}
