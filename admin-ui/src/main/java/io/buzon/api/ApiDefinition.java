package io.buzon.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI metadata of /api/v1 (served at /q/openapi); declares no path of its own. */
@OpenAPIDefinition(info = @Info(title = "Buzón API", version = "1",
        description = "Provisioning and operation of Buzón: domains, accounts, quotas, passwords, policies, messages, retention. "
                + "Authenticate with 'Authorization: Bearer <token>' (a token created in the console, or BUZON_API_KEY)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ApiDefinition extends Application {
}
