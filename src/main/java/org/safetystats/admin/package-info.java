/**
 * How admins steer safetystats: the admin commands, the HTTP API and the service that
 * runs jobs.
 */
@NullMarked
package org.safetystats.admin;

import org.jspecify.annotations.NullMarked;
