/**
 * The browser console that {@code serve} shows at {@code /}: server-rendered pages
 * (Thymeleaf) behind Spring Security's form login, in Vietnamese and English. Admins and
 * viewers watch the pipeline (dashboard, submissions, executions, audit log, year over
 * year, the annual report); admins steer it through {@code AdminService}; clerks upload
 * and submit their own units' files. Nothing depends on this package.
 */
@NullMarked
package org.safetystats.console;

import org.jspecify.annotations.NullMarked;
