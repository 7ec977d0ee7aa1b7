package com.example.tenants;

import javax.sql.DataSource;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the tenancy to Hibernate, as a Spring Boot application does. */
@Configuration(proxyBeanMethods = false)
class TenancyCustomizer {

    @Bean
    HibernatePropertiesCustomizer tenancy(DataSource dataSource) {
        return properties -> {
            properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                    new TenantsApplication.SchemaPerTenant(dataSource));
            properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new TenantsApplication.CurrentTenant());
        };
    }
}
