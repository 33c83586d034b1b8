package cn.canbao.web.account;

import cn.canbao.account.boundary.Accounts;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** {@code account/password.xhtml}: the caller's own new password; the first page after a sign-in that must change it. */
@Named
@ViewScoped
public class PasswordView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Accounts accounts;

    private String current;
    private String password;
    private String repeat;

    public boolean isForced() {
        return accounts.mustChangePassword();
    }

    public void save() {
        if (password == null || !password.equals(repeat)) {
            ScreenMessages.error(Texts.text("account.password.mismatch"));
            return;
        }
        try {
            accounts.changeOwnPassword(current, password);
            MustChangePasswordFilter.changed();
            ScreenMessages.info(Texts.text("account.password.changed"));
            ScreenMessages.keepForRedirect();
            ScreenMessages.redirect("/");
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "accounts.col.", null);
        }
    }

    public String getCurrent() { return current; }
    public void setCurrent(String current) { this.current = current; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRepeat() { return repeat; }
    public void setRepeat(String repeat) { this.repeat = repeat; }
}
