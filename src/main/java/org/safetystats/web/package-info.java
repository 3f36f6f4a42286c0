/**
 * The HTTP API under {@code /api/}: the admins' door ({@code AdminApi}), publications and
 * held corrections ({@code PublicationApi}), a clerk's uploads ({@code UploadApi}), and
 * how every endpoint answers a failure ({@code ApiErrors}: RFC 9457 problem details).
 * Each endpoint calls the service of its room; nothing depends on this one.
 */
@NullMarked
package org.safetystats.web;

import org.jspecify.annotations.NullMarked;
