/**
 * How admins steer safetystats: the command line and the service that runs jobs.
 */
@NullMarked
package org.safetystats.admin;

import org.jspecify.annotations.NullMarked;
