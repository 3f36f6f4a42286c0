package org.safetystats.upload;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of clerks' uploads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadLimits.class)
class UploadConfiguration {

}
