package io.pulse.simulator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-process run of a tool's command line, {@link CommandLines#execute} as {@code main} calls
 * it, with a stand-in for the tool that only counts its runs.
 *
 * @param exitCode what the process would exit with
 * @param runs how often the tool ran (0 for {@code --help} and for a bad argument)
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CommandLineRun(int exitCode, int runs, String out, String err) {

  static <T extends CommandLines.Options> CommandLineRun of(T options, String... args) {
    AtomicInteger runs = new AtomicInteger();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        CommandLines.execute(
            options,
            parsed -> {
              runs.incrementAndGet();
              return 0;
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            args);
    return new CommandLineRun(exitCode, runs.get(), out.toString(), err.toString());
  }
}
