/**
 * Personal data in feedback: erasing a customer on request (their comments and references; the
 * aggregates keep the scores) and the retention of comments.
 */
@NullMarked
package io.pulse.privacy;

import org.jspecify.annotations.NullMarked;
