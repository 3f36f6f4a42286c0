/**
 * The top of the house: the command-line entry that lists every feature's commands. Only
 * {@code Application.main} imports this package; commands start their context through
 * {@code system.ApplicationContexts}.
 */
@NullMarked
package org.safetystats.cli;

import org.jspecify.annotations.NullMarked;
