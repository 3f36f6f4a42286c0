/**
 * Accounts of the people who sign in (console and JSON API): names, roles, a clerk's
 * units, bcrypt hashes in {@code ops.app_user}; the Spring Security user lookup over them
 * and the {@code user} command that manages them.
 */
@NullMarked
package org.safetystats.users;

import org.jspecify.annotations.NullMarked;
