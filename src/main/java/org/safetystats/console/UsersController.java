package org.safetystats.console;

import java.util.Arrays;
import java.util.List;

import org.safetystats.audit.AuditTrail;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.safetystats.users.Role;
import org.safetystats.users.UserAccounts;
import org.safetystats.warehouse.WarehouseContract;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The accounts page (ADMIN only, {@code /users}): list, create (role, a clerk's units, a
 * password typed twice), disable, set a new password; the same rules as the {@code user}
 * command, each change recorded in {@code ops.admin_action} with the admin who made it.
 */
@Controller
@RequestMapping("/users")
class UsersController {

	private final UserAccounts accounts;

	private final WarehouseContract warehouse;

	private final AuditTrail audit;

	UsersController(UserAccounts accounts, WarehouseContract warehouse, AuditTrail audit) {
		this.accounts = accounts;
		this.warehouse = warehouse;
		this.audit = audit;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("accounts", this.accounts.list());
		model.addAttribute("roles", Role.values());
		return "users";
	}

	@PostMapping
	String add(@RequestParam String name, @RequestParam String role, @RequestParam(defaultValue = "") String units,
			@RequestParam String password, @RequestParam String again, Authentication admin, RedirectAttributes flash) {
		return change(admin, flash, "user-add", name + " " + role + " " + units, () -> {
			List<String> codes = Arrays.stream(units.split("[,; ]+")).filter((u) -> !u.isBlank()).toList();
			for (String code : codes) {
				if (this.warehouse.unitName(code).isEmpty()) {
					throw new UsageException("Unknown unit " + code + ": not in the reference catalogue");
				}
			}
			samePassword(password, again);
			this.accounts.add(name.trim(), Role.parse(role), codes, password);
		});
	}

	@PostMapping("/{name}/disable")
	String disable(@PathVariable String name, Authentication admin, RedirectAttributes flash) {
		if (name.equals(admin.getName())) {
			flash.addFlashAttribute("error", "An admin cannot disable the account it is signed in with");
			return "redirect:/users";
		}
		return change(admin, flash, "user-disable", name, () -> this.accounts.disable(name));
	}

	@PostMapping("/{name}/password")
	String password(@PathVariable String name, @RequestParam String password, @RequestParam String again,
			Authentication admin, RedirectAttributes flash) {
		return change(admin, flash, "user-passwd", name, () -> {
			samePassword(password, again);
			this.accounts.setPassword(name, password);
		});
	}

	private String change(Authentication admin, RedirectAttributes flash, String action, String parameters,
			Runnable work) {
		try {
			work.run();
			this.audit.record(new AuditTrail.Entry(admin.getName(), action, parameters, null, null, "DONE", null));
			flash.addFlashAttribute("infoKey", "users.done");
		}
		catch (UserFacingException ex) {
			this.audit.record(
					new AuditTrail.Entry(admin.getName(), action, parameters, null, null, "REFUSED", ex.getMessage()));
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

	private static void samePassword(String password, String again) {
		if (!password.equals(again)) {
			throw new UsageException("The two passwords differ");
		}
	}

}
