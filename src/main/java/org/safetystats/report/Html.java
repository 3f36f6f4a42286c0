package org.safetystats.report;

import org.springframework.web.util.HtmlUtils;

/** Text as it goes into the report's HTML. */
final class Html {

	private Html() {
	}

	/** The text with {@code <}, {@code &}, quotes and the like escaped. */
	static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
