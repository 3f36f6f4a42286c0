package org.safetystats.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.safetystats.security.UnitAccess;
import org.safetystats.system.ReportingTime;
import org.safetystats.system.SafetystatsProperties;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page needs: the reporting time zone's clock face, who is signed in, whether
 * they see every unit or only their own, whether they may act, and the current path for
 * the language switch.
 */
@ControllerAdvice(basePackages = "org.safetystats.console")
class ConsoleModel {

	private final ReportingTime times;

	ConsoleModel(SafetystatsProperties properties) {
		this.times = new ReportingTime(properties.zone());
	}

	/**
	 * Every time a page shows, in the reporting time zone with its offset
	 * ({@code ${times.minutes(x)}}, {@code ${times.seconds(x)}}).
	 */
	@ModelAttribute("times")
	ReportingTime times() {
		return this.times;
	}

	@ModelAttribute("userName")
	@Nullable String userName(@Nullable Authentication user) {
		return (user != null) ? user.getName() : null;
	}

	@ModelAttribute("isAdmin")
	boolean isAdmin(@Nullable Authentication user) {
		return user != null && UnitAccess.isAdmin(user);
	}

	@ModelAttribute("seesAll")
	boolean seesAll(@Nullable Authentication user) {
		return user != null && UnitAccess.seesAll(user);
	}

	@ModelAttribute("myUnits")
	List<String> myUnits(@Nullable Authentication user) {
		return (user != null) ? UnitAccess.units(user) : List.of();
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * The page's query without its {@code format}, ready for one more parameter: a table
	 * page's download links are {@code currentPath?downloadQuery format=xlsx} (the same
	 * filters as the page).
	 */
	@ModelAttribute("downloadQuery")
	String downloadQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null || query.isEmpty()) {
			return "";
		}
		StringBuilder kept = new StringBuilder();
		for (String parameter : query.split("&")) {
			if (!parameter.isEmpty() && !parameter.startsWith("format=") && !parameter.equals("format")) {
				kept.append(parameter).append('&');
			}
		}
		return kept.toString();
	}

	/**
	 * The same header for a page an exception handler answers with (Spring MVC calls no
	 * {@code @ModelAttribute} method there): the refused clerk still sees who is signed
	 * in and can sign out.
	 */
	void header(Model model, @Nullable Authentication user, HttpServletRequest request) {
		model.addAttribute("userName", userName(user));
		model.addAttribute("isAdmin", isAdmin(user));
		model.addAttribute("seesAll", seesAll(user));
		model.addAttribute("myUnits", myUnits(user));
		model.addAttribute("currentPath", currentPath(request));
		model.addAttribute("times", this.times);
	}

}
