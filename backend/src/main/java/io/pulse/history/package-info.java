/**
 * History: the daily roll-up per dealer read back as day and week series and calendar periods (this
 * month, last month, quarter, year to date, rolling three months) with their change against the
 * previous period; and its rebuild from the stored events.
 */
@NullMarked
package io.pulse.history;

import org.jspecify.annotations.NullMarked;
