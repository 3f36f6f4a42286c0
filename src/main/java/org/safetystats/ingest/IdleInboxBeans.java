package org.safetystats.ingest;

import org.safetystats.reference.CatalogueState;
import org.safetystats.startup.DatabaseOnlyConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The small context that answers {@link IdleInbox#idle}. */
@Configuration(proxyBeanMethods = false)
@Import({ DatabaseOnlyConfiguration.class, CatalogueState.class, IdleInbox.class })
public class IdleInboxBeans {

}
