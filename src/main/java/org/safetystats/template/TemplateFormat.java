package org.safetystats.template;

import java.util.Locale;

import org.safetystats.system.UsageException;

/** The formats a template comes in, with what a download needs to name them. */
public enum TemplateFormat {

	XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),

	CSV("csv", "text/csv; charset=UTF-8");

	private final String extension;

	private final String contentType;

	TemplateFormat(String extension, String contentType) {
		this.extension = extension;
		this.contentType = contentType;
	}

	/** The file name's extension, without the dot. */
	public String extension() {
		return this.extension;
	}

	/** The media type of a download. */
	public String contentType() {
		return this.contentType;
	}

	/** {@code xlsx} or {@code csv}, in any case. */
	public static TemplateFormat of(String text) {
		for (TemplateFormat format : values()) {
			if (format.extension.equals(text.toLowerCase(Locale.ROOT))) {
				return format;
			}
		}
		throw new UsageException("the format must be xlsx or csv, not " + text);
	}

}
