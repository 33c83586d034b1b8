package cn.canbao.web.platform;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.entity.AppUser;
import cn.canbao.region.boundary.Regions;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The signed-in user as the screens show them: name, region, roles and chosen language (简体中文 by default). */
@Named
@SessionScoped
public class UserSession implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Callers callers;

    @Inject
    transient Regions regions;

    private Locale locale = Locale.SIMPLIFIED_CHINESE;
    private String displayName;
    private String regionName;
    private String regionCode;

    public Locale getLocale() {
        return locale;
    }

    public String getLanguage() {
        return locale.getLanguage();
    }

    public void switchLanguage(String language) {
        locale = "en".equals(language) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
    }

    public String getUsername() {
        return request().getRemoteUser();
    }

    public String getDisplayName() {
        loadProfile();
        return displayName;
    }

    public String getRegionName() {
        loadProfile();
        return regionName;
    }

    public String getRegionCode() {
        loadProfile();
        return regionCode;
    }

    public List<String> getRoles() {
        HttpServletRequest request = request();
        return Arrays.stream(Roles.ALL).filter(request::isUserInRole).toList();
    }

    public boolean hasRole(String role) {
        return request().isUserInRole(role);
    }

    public void logout() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/");
    }

    private void loadProfile() {
        if (displayName != null || getUsername() == null) {
            return;
        }
        AppUser user = callers.current();
        displayName = user.getDisplayName();
        regionCode = user.getRegionCode();
        regionName = regions.find(regionCode).map(r -> r.getName()).orElse(regionCode);
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }
}
