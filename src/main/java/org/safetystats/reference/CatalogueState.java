package org.safetystats.reference;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The beans that tell whether {@code ref} holds the catalogues {@code config/} has now
 * ({@link ReferenceCatalogLoader#upToDate()}), for a small context that only asks that.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ReferenceConfiguration.class, ReferenceTables.class, ReferenceCatalogLoader.class })
public class CatalogueState {

}
