package org.safetystats.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.safetystats.system.UnitAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's header needs: who is signed in, whether they see every unit or only
 * their own, whether they may act, and the current path for the language switch.
 */
@ControllerAdvice(basePackages = "org.safetystats.console")
class ConsoleModel {

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

}
