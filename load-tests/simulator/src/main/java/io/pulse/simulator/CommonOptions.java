package io.pulse.simulator;

import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options every tool of the simulator shares: where the backend is, and the seed and size of
 * the generated network (dealer {@code i} depends only on the seed and {@code i}, so tools given
 * the same {@code --seed} and {@code --dealers} agree on the network).
 */
// The layout of every tool's --help, which picocli takes from a mixin's @Command.
@Command(
    synopsisHeading = "%nUsage:%n  ",
    optionListHeading = "%nOptions:%n",
    sortOptions = false,
    usageHelpWidth = 100)
final class CommonOptions {

  /** Default backend URL. */
  static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080");

  /** Default seed. */
  static final long DEFAULT_SEED = 42;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "backend base URL (default ${DEFAULT-VALUE})")
  URI url = DEFAULT_URL;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seed of the network and the events (default ${DEFAULT-VALUE})")
  long seed = DEFAULT_SEED;

  @Option(
      names = "--dealers",
      paramLabel = "N",
      description = "dealers in the generated network (default ${DEFAULT-VALUE})")
  int dealers = NetworkGenerator.DEFAULT_DEALERS;

  // Last in the list of options, after the tool's own.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      order = 99,
      description = "print this help")
  boolean help;

  void check(CommandLines.Checks checks) {
    checks.between("--dealers", dealers, 1, NetworkGenerator.MAX_DEALERS);
  }
}
