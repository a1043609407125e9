/** What a person sets for themselves: which e-mails they get, and where. */
@NullMarked
package io.pulse.ui.settings;

import org.jspecify.annotations.NullMarked;
