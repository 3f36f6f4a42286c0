/**
 * The first-run demo: a deterministic generator of two years of monthly submissions for
 * Ninh Bình city whose warehouse reproduces the city's published 2019 review, and the
 * command that runs the whole pipeline on them.
 */
@NullMarked
package org.safetystats.demo;

import org.jspecify.annotations.NullMarked;
