package org.safetystats.users;

import java.util.ArrayList;
import java.util.List;

import org.safetystats.security.UnitAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's user lookup over {@link UserAccounts}, for the console's form login
 * and the API's Basic authentication alike: the role's authorities ({@code ROLE_ADMIN}
 * with {@code ROLE_VIEWER}, ...) and, for a clerk, one {@link UnitAccess} authority per
 * unit. A disabled account is found but refused. The principal keeps the account's
 * session version, for {@link AccountSessionCheck}.
 */
@Configuration(proxyBeanMethods = false)
class AccountDetailsService {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(UserAccounts accounts) {
		return (name) -> {
			UserAccounts.Stored stored = accounts.find(name)
				.orElseThrow(() -> new UsernameNotFoundException("No user " + name));
			Account account = stored.account();
			List<GrantedAuthority> authorities = new ArrayList<>();
			account.role().grants().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
			account.units().forEach((unit) -> authorities.add(UnitAccess.authority(unit)));
			return new SignedInUser(account.name(), stored.passwordHash(), account.disabled(), authorities,
					stored.sessionVersion());
		};
	}

}
