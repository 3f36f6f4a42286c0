package org.safetystats.users;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One account as admins see it (never its hash).
 *
 * @param name login name
 * @param role its role
 * @param units for a clerk, the ward or commune codes it reports for
 * @param disabled whether it is refused at sign-in
 * @param createdAt when it was created
 */
record Account(String name, Role role, List<String> units, boolean disabled, OffsetDateTime createdAt) {

}
