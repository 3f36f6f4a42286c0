/**
 * Validation of submissions: the rules, the findings they produce and the streaming
 * validator that checks a file row by row against the reference catalogues.
 */
@NullMarked
package org.safetystats.validate;

import org.jspecify.annotations.NullMarked;
