package io.pulse.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One row of the fault matrix as measured, appended to {@code target/fault-matrix.txt}. */
final class FaultRecord {

  private FaultRecord() {}

  /** Appends "fault | what happened" to the file and prints it. */
  static void write(String fault, String outcome) throws IOException {
    String line = fault + " | " + outcome + System.lineSeparator();
    System.out.print("FAULT " + line);
    Files.writeString(
        Path.of("target", "fault-matrix.txt"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
