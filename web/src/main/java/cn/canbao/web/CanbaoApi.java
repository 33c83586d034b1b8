package cn.canbao.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The integration API for provincial systems: {@code /canbao/api/v1}, JSON, HTTP Basic, errors as problem+json. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Canbao 参保 API", version = "1",
                description = "Enrollment and contribution campaign of urban-rural resident basic medical insurance"),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class CanbaoApi extends Application {
}
