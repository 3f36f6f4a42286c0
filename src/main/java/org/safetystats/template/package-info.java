/**
 * The month's template of a ward or commune: a workbook (XLSX, with instructions in
 * Vietnamese on its second sheet) or a CSV file, pre-filled with the unit, the month,
 * every village valid that month and every indicator of the catalogue, value cells empty.
 * {@link org.safetystats.template.SubmissionTemplates} is the door; the {@code template}
 * command and the console call it.
 */
@NullMarked
package org.safetystats.template;

import org.jspecify.annotations.NullMarked;
