package io.pulse.history;

import io.pulse.index.Tally;
import java.time.LocalDate;

/** The summed roll-up rows of one scope for one day or week ({@code start} is its first day). */
record DayTotals(LocalDate start, Tally tally) {}
